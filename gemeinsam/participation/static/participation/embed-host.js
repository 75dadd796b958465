// For websites that embed Gemeinsam's widgets: fits each widget's frame to its content.
// Include once: <script src="https://<platform>/static/participation/embed-host.js" async>
// Only messages from the platform this script came from are obeyed, and only by the frame
// that sent them.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var platform = new URL(script.src, window.location.href).origin;
  var seen = (window.gemeinsamEmbedHosts = window.gemeinsamEmbedHosts || {});
  if (seen[platform]) {
    return;
  }
  seen[platform] = true;

  function widgets() {
    return Array.prototype.filter.call(document.getElementsByTagName("iframe"), function (frame) {
      try {
        return new URL(frame.src, window.location.href).origin === platform;
      } catch (error) {
        return false;
      }
    });
  }

  function ask(frame) {
    if (frame.contentWindow) {
      // Dropped by the browser unless the frame shows the platform by now.
      frame.contentWindow.postMessage({ type: "gemeinsam:ping" }, platform);
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== platform) {
      return;
    }
    var data = event.data;
    if (!data || data.type !== "gemeinsam:resize") {
      return;
    }
    var height = Math.ceil(Number(data.height));
    if (!isFinite(height) || height < 50) {
      return;
    }
    widgets().forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        frame.style.height = Math.min(height, 10000) + "px";
      }
    });
  });

  // Widgets that loaded before this script have reported already: ask them again.
  widgets().forEach(function (frame) {
    frame.addEventListener("load", function () { ask(frame); });
    ask(frame);
  });
})();
