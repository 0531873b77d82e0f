// Share buttons, as an enhancement (templates/_social.html): "Copy link" when the clipboard can
// be written, the device's share sheet when the Web Share API exists. Without JavaScript the
// plain share links still work. Nothing is sent anywhere by this script.
(function () {
  "use strict";
  document.querySelectorAll("[data-share-url]").forEach(function (box) {
    var url = box.getAttribute("data-share-url");
    var text = box.getAttribute("data-share-text");
    var status = box.querySelector(".share-status");
    var copy = box.querySelector('[data-share="copy"]');
    var native = box.querySelector('[data-share="native"]');
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = box.getAttribute("data-copied");
        });
      });
    }
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: text, text: text, url: url }).catch(function () {});
      });
    }
  });
})();
