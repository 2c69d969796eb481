/* Copy buttons on the quote card. A static file, not inline script, so the
   page's Content-Security-Policy can forbid inline script altogether. */
(function () {
  "use strict";

  function fallbackCopy(textarea) {
    textarea.focus();
    textarea.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(textarea) {
    var text = textarea.value;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(textarea); });
    }
    return fallbackCopy(textarea);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var status = document.querySelector(".ca-copy-status");
    document.querySelectorAll("button[data-copy-from]").forEach(function (button) {
      button.addEventListener("click", function () {
        var textarea = document.getElementById(button.getAttribute("data-copy-from"));
        if (!textarea) { return; }
        copy(textarea).then(function () {
          if (status) { status.textContent = "Copied " + button.textContent.replace(/^Copy /, "") + "."; }
        }, function () {
          if (status) { status.textContent = "Could not copy: select the text below and copy it by hand."; }
        });
      });
    });
  });
})();
