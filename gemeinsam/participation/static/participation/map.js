/*
 * The maps of the public participation (Leaflet + Leaflet.markercluster).
 *
 * <div class="participation-map" data-geojson="URL" data-tiles="TILE URL or empty"
 *      data-attribution="HTML" data-center="lat,lon" data-zoom="N" data-permalink="true|false"
 *      data-list="#result-list" data-filter="#filter-form" aria-label="…">
 *   loads the GeoJSON (Feature properties: name, url, categories [{slug, name, color}],
 *   optional color and subtitle) into clustered markers. Optional:
 *   - data-permalink="true": the view is kept in the address as #zoom/lat/lon and restored;
 *   - data-filter: a GET form whose changes reload the markers (and data-list) in place;
 *     without JavaScript the form simply reloads the page;
 *   - data-marker="lat,lon" (instead of data-geojson) with data-title: one place only.
 * <div class="participation-picker" data-lat-input="#id" data-lon-input="#id"
 *      data-address-input="#id" data-geocoder="Nominatim search URL or empty" …>
 *   sets the two inputs where the map is clicked; typed values move the marker.
 *
 * Labels come from <script type="application/json" id="participation-map-labels">.
 * Without data-tiles no tile layer is added (tests, offline). Nothing moves with animation
 * when the visitor prefers reduced motion.
 */
(function () {
  "use strict";
  if (!window.L) {
    return;
  }

  var reduced = !!(window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  var DEFAULT_COLOR = "#2f6f4f";
  var COLOR = /^#[0-9a-fA-F]{6}$/;
  var labels = {
    zoomIn: "Zoom in",
    zoomOut: "Zoom out",
    locate: "Near me",
    locating: "Looking for your position …",
    located: "The map shows the surroundings of your position.",
    locateFailed: "Your position could not be found.",
    loadFailed: "The map could not be loaded. The list shows all results.",
    cluster: "{count} entries here, zoom in",
    you: "Your position",
    chosen: "The chosen place",
    placeSet: "Place set: latitude {lat}, longitude {lon}.",
    searchAddress: "Search address",
    searchFailed: "No place was found for this address."
  };
  var given = document.getElementById("participation-map-labels");
  if (given) {
    try {
      var parsed = JSON.parse(given.textContent);
      Object.keys(parsed).forEach(function (key) { labels[key] = parsed[key]; });
    } catch (error) { /* the English defaults stay */ }
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  function pair(text) {
    var parts = String(text || "").split(",").map(Number);
    if (parts.length !== 2 || !parts.every(isFinite)) {
      return null;
    }
    if (Math.abs(parts[0]) > 90 || Math.abs(parts[1]) > 180) {
      return null;
    }
    return parts;
  }

  function colorOf(value) {
    return COLOR.test(value || "") ? value : DEFAULT_COLOR;
  }

  // A live region after the map for what a screen reader should hear.
  function statusFor(element) {
    var status = document.createElement("p");
    status.className = "participation-map__status";
    status.setAttribute("role", "status");
    element.parentNode.insertBefore(status, element.nextSibling);
    return function (text) { status.textContent = text || ""; };
  }

  function baseMap(element) {
    if (!element.hasAttribute("role")) {
      element.setAttribute("role", "region");
    }
    var center = pair(element.dataset.center) || [51.16, 10.45];
    var zoom = parseInt(element.dataset.zoom, 10);
    var map = L.map(element, {
      // Clustering needs a highest zoom level even when there are no tiles to take it from.
      maxZoom: 19,
      minZoom: 2,
      zoomControl: false,
      zoomAnimation: !reduced,
      fadeAnimation: !reduced,
      markerZoomAnimation: !reduced,
      inertia: !reduced
    });
    L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, {
        attribution: element.dataset.attribution || "",
        maxZoom: 19
      }).addTo(map);
    }
    map.setView(center, isNaN(zoom) ? 6 : zoom, { animate: false });
    return map;
  }

  // Markers are coloured through the CSSOM: the content security policy forbids style="".
  var ColoredIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var icon = L.DivIcon.prototype.createIcon.call(this, old);
      icon.style.backgroundColor = this.options.color;
      return icon;
    }
  });
  var icons = {};
  function iconFor(color) {
    color = colorOf(color);
    if (!icons[color]) {
      icons[color] = new ColoredIcon({
        className: "participation-marker", html: "", color: color,
        iconSize: [20, 20], iconAnchor: [10, 10], popupAnchor: [0, -10]
      });
    }
    return icons[color];
  }

  var ClusterIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var icon = L.DivIcon.prototype.createIcon.call(this, old);
      icon.setAttribute("aria-label", fill(labels.cluster, { count: this.options.count }));
      return icon;
    }
  });
  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var span = document.createElement("span");
    span.textContent = String(count);
    return new ClusterIcon({
      html: span, count: count, iconSize: [40, 40],
      className: "participation-cluster participation-cluster--" + size
    });
  }

  function popupFor(properties) {
    var box = document.createElement("div");
    box.className = "participation-popup";
    var title = document.createElement(properties.url ? "a" : "strong");
    if (properties.url) {
      title.href = properties.url;
    }
    title.textContent = properties.name || "";
    box.appendChild(title);
    if (properties.subtitle) {
      var subtitle = document.createElement("div");
      subtitle.textContent = properties.subtitle;
      box.appendChild(subtitle);
    }
    var categories = (properties.categories || []).map(function (c) { return c.name; });
    if (categories.length) {
      var line = document.createElement("div");
      line.className = "participation-popup__categories";
      line.textContent = categories.join(", ");
      box.appendChild(line);
    }
    return box;
  }

  function markerFor(feature) {
    var properties = feature.properties || {};
    var coordinates = feature.geometry.coordinates;
    var color = properties.color ||
      (properties.categories && properties.categories[0] && properties.categories[0].color);
    var marker = L.marker([coordinates[1], coordinates[0]], {
      icon: iconFor(color), title: properties.name || "", keyboard: true, riseOnHover: true
    });
    marker.bindPopup(function () { return popupFor(properties); });
    return marker;
  }

  // --- The permalink: #zoom/lat/lon ---------------------------------------------------------

  function readHash() {
    var match = /^#(\d{1,2})\/(-?\d{1,2}(?:\.\d+)?)\/(-?\d{1,3}(?:\.\d+)?)$/.exec(
      window.location.hash);
    if (!match) {
      return null;
    }
    var center = pair(match[2] + "," + match[3]);
    return center ? { zoom: Math.min(parseInt(match[1], 10), 19), center: center } : null;
  }

  function writeHash(map, form) {
    var center = map.getCenter();
    var hash = "#" + map.getZoom() + "/" + center.lat.toFixed(5) + "/" +
      center.lng.toFixed(5);
    if (window.location.hash !== hash) {
      window.history.replaceState(window.history.state, "",
        window.location.pathname + window.location.search + hash);
    }
    if (form) {
      // A submitted filter keeps the view: the fragment of `action` survives a GET form.
      form.setAttribute("action", window.location.pathname + hash);
    }
  }

  // --- The map of many places ---------------------------------------------------------------

  function geojsonMap(element) {
    var map = baseMap(element);
    var say = statusFor(element);
    var form = element.dataset.filter ? document.querySelector(element.dataset.filter) : null;
    var list = element.dataset.list ? document.querySelector(element.dataset.list) : null;
    var permalink = element.dataset.permalink === "true";
    var fromHash = permalink ? readHash() : null;
    // data-fit="false": keep the view given by data-center/data-zoom (an embed's chosen view).
    var fitted = !!fromHash || element.dataset.fit === "false";
    var request = null;
    if (fromHash) {
      map.setView(fromHash.center, fromHash.zoom, { animate: false });
    }
    var group = L.markerClusterGroup({
      chunkedLoading: true,
      animate: !reduced,
      animateAddingMarkers: false,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon
    });
    map.addLayer(group);

    function load(url) {
      if (request) {
        request.abort();
      }
      request = window.AbortController ? new AbortController() : null;
      element.setAttribute("aria-busy", "true");
      return window.fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/geo+json, application/json" },
        signal: request ? request.signal : undefined
      }).then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      }).then(function (data) {
        var markers = [];
        (data.features || []).forEach(function (feature) {
          if (feature && feature.geometry && feature.geometry.type === "Point") {
            markers.push(markerFor(feature));
          }
        });
        group.clearLayers();
        group.addLayers(markers);
        element.dataset.count = String(markers.length);
        element.removeAttribute("aria-busy");
        if (!fitted && markers.length) {
          fitted = true;
          map.fitBounds(group.getBounds(), { maxZoom: 15, padding: [24, 24], animate: false });
        }
      }).catch(function (error) {
        element.removeAttribute("aria-busy");
        if (error.name !== "AbortError") {
          say(labels.loadFailed);
        }
      });
    }

    if (permalink) {
      map.on("moveend", function () { writeHash(map, form); });
      window.addEventListener("hashchange", function () {
        var view = readHash();
        if (view) {
          map.setView(view.center, view.zoom, { animate: !reduced });
        }
      });
    }
    if (form) {
      enhanceFilter(form, list, element.dataset.geojson.split("?")[0], load, say);
    }
    if (list && permalink) {
      // Pages of the list keep the view of the map.
      list.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[href^='?']");
        if (link && window.location.hash) {
          link.setAttribute("href", link.getAttribute("href").split("#")[0] +
            window.location.hash);
        }
      });
    }
    if (navigator.geolocation) {
      addLocate(map, say);
    }
    load(element.dataset.geojson);
  }

  function enhanceFilter(form, list, geojson, load, say) {
    var timer = null;
    function apply(event) {
      if (event) {
        event.preventDefault();
      }
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (String(value).trim()) {
          params.append(key, value);
        }
      });
      var query = params.toString();
      var page = window.location.pathname + (query ? "?" + query : "");
      window.history.replaceState(window.history.state, "", page + window.location.hash);
      load(geojson + (query ? "?" + query : ""));
      if (list && list.id) {
        window.fetch(page, { credentials: "same-origin" }).then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        }).then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html")
            .getElementById(list.id);
          if (fresh) {
            list.innerHTML = fresh.innerHTML;
            var heading = list.querySelector("h2");
            say(heading ? heading.textContent : "");
          }
        }).catch(function () { /* the list stays as it was; the form still submits */ });
      }
    }
    form.addEventListener("submit", apply);
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") {
        apply();
      }
    });
    form.addEventListener("input", function (event) {
      if (event.target.type === "search") {
        window.clearTimeout(timer);
        timer = window.setTimeout(apply, 400);
      }
    });
  }

  function addLocate(map, say) {
    var me = null;
    var Locate = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar participation-locate");
        var button = L.DomUtil.create("button", "", box);
        button.type = "button";
        button.textContent = labels.locate;
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.on(button, "click", function () {
          say(labels.locating);
          navigator.geolocation.getCurrentPosition(function (position) {
            var here = [position.coords.latitude, position.coords.longitude];
            map.setView(here, Math.max(map.getZoom(), 14), { animate: !reduced });
            if (me) {
              me.setLatLng(here);
            } else {
              me = L.circleMarker(here, {
                radius: 8, className: "participation-me", interactive: false
              }).addTo(map);
            }
            say(labels.located);
          }, function () {
            say(labels.locateFailed);
          }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 });
        });
        return box;
      }
    });
    new Locate().addTo(map);
  }

  // --- One place ----------------------------------------------------------------------------

  function singleMap(element) {
    var map = baseMap(element);
    var place = pair(element.dataset.marker);
    if (place) {
      L.marker(place, {
        icon: iconFor(element.dataset.color), title: element.dataset.title || "",
        keyboard: false
      }).addTo(map);
    }
  }

  // --- Choosing a place in a form -----------------------------------------------------------

  function picker(element) {
    var latitude = document.querySelector(element.dataset.latInput);
    var longitude = document.querySelector(element.dataset.lonInput);
    if (!latitude || !longitude) {
      return;
    }
    var map = baseMap(element);
    var say = statusFor(element);
    var marker = null;

    function show(place, pan) {
      if (marker) {
        marker.setLatLng(place);
      } else {
        marker = L.marker(place, {
          icon: iconFor(DEFAULT_COLOR), title: labels.chosen, draggable: true, keyboard: false
        }).addTo(map);
        marker.on("dragend", function () { set(marker.getLatLng()); });
      }
      if (pan) {
        map.panTo(place, { animate: !reduced });
      }
    }

    function set(place) {
      place = L.latLng(place).wrap();
      latitude.value = place.lat.toFixed(6);
      longitude.value = place.lng.toFixed(6);
      show(place, false);
      say(fill(labels.placeSet, { lat: latitude.value, lon: longitude.value }));
    }

    function fromInputs() {
      var place = pair(latitude.value + "," + longitude.value);
      if (place && latitude.value !== "" && longitude.value !== "") {
        show(place, true);
      }
    }

    map.on("click", function (event) { set(event.latlng); });
    latitude.addEventListener("change", fromInputs);
    longitude.addEventListener("change", fromInputs);
    fromInputs();

    var geocoder = element.dataset.geocoder;
    var address = element.dataset.addressInput ?
      document.querySelector(element.dataset.addressInput) : null;
    if (geocoder && address) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button--secondary participation-geocode";
      button.textContent = labels.searchAddress;
      element.parentNode.insertBefore(button, element);
      button.addEventListener("click", function () {
        if (!address.value.trim()) {
          address.focus();
          return;
        }
        var url = geocoder + (geocoder.indexOf("?") < 0 ? "?" : "&") +
          "format=json&limit=1&q=" + encodeURIComponent(address.value.trim());
        window.fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
          return r.ok ? r.json() : Promise.reject(r.status);
        }).then(function (found) {
          var first = found && found[0];
          if (!first) {
            say(labels.searchFailed);
            return;
          }
          set([parseFloat(first.lat), parseFloat(first.lon)]);
          map.setView(marker.getLatLng(), 17, { animate: !reduced });
        }).catch(function () { say(labels.searchFailed); });
      });
    }
  }

  function start() {
    document.querySelectorAll(".participation-map").forEach(function (element) {
      if (element.dataset.geojson) {
        geojsonMap(element);
      } else if (element.dataset.marker) {
        singleMap(element);
      } else {
        baseMap(element);
      }
    });
    document.querySelectorAll(".participation-picker").forEach(picker);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
