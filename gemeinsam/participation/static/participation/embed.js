// Inside a frame, tells the surrounding page how tall the widget is, so that embed-host.js
// can fit the frame to the content: {type: "gemeinsam:resize", height}.
(function () {
  "use strict";
  if (window.parent === window) {
    return;
  }
  var last = 0;

  function report(again) {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height > 0 && (again || height !== last)) {
      last = height;
      // Only a height leaves the frame, nothing secret, so the target is "*": the widget does
      // not know the embedding site's origin, and which sites may frame it at all is decided
      // by the Content-Security-Policy frame-ancestors header.
      window.parent.postMessage({ type: "gemeinsam:resize", height: height }, "*");
    }
  }

  // The host's script may start after the widget has reported; it then asks again.
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === "gemeinsam:ping") {
      report(true);
    }
  });
  report(false);
  window.addEventListener("load", function () { report(false); });
  if ("ResizeObserver" in window) {
    new ResizeObserver(function () { report(false); }).observe(document.documentElement);
  } else {
    window.addEventListener("resize", function () { report(false); });
    document.addEventListener("toggle", function () { report(false); }, true);
  }
})();
