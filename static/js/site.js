// Progressive enhancement only: every page works without this file.
// Copy-link and Web Share buttons on the role page stay hidden unless the browser can use them.
(function () {
  "use strict";

  function announce(section, message) {
    var status = section.querySelector(".share__status");
    if (!status) return;
    status.textContent = "";
    // A fresh text node makes screen readers announce the message again on every click.
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function setUpShare(root) {
    root.querySelectorAll("[data-copy-target]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var input = document.getElementById(button.dataset.copyTarget);
        var section = button.closest(".share");
        navigator.clipboard.writeText(input.value).then(function () {
          var status = section.querySelector(".share__status");
          announce(section, status.dataset.copiedMessage);
        }, function () {
          input.focus();
          input.select();
        });
      });
    });
    root.querySelectorAll("[data-share-url]").forEach(function (button) {
      if (!navigator.share) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ title: button.dataset.shareTitle, url: button.dataset.shareUrl })
          .catch(function () { /* the person closed the share sheet */ });
      });
    });
    root.querySelectorAll(".share__url").forEach(function (input) {
      input.addEventListener("focus", function () { input.select(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setUpShare(document); });
})();
