// Admin forms: add a blank row to a repeated group (sources, conditions, facts) and clear a
// row. Without script the form still works: one blank row is always shown, and a row left
// empty is dropped when saved.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // "Copy" buttons (the partner's embed snippet): the clipboard, or the text selected when
  // the browser allows no clipboard.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var label = button.textContent;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var done = function () {
        button.textContent = button.getAttribute("data-copied");
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      var select = function () {
        var range = document.createRange();
        range.selectNodeContents(source);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      };
      if (navigator.clipboard) navigator.clipboard.writeText(source.textContent).then(done, select);
      else select();
    });
  });

  function renumber(row, prefix, index) {
    var pattern = new RegExp("^" + prefix.replace(/\./g, "\\.") + "\\.\\d+\\.");
    var idPattern = new RegExp("^f-" + prefix.replace(/\./g, "-") + "-\\d+-");
    row.querySelectorAll("[name]").forEach(function (element) {
      element.name = element.name.replace(pattern, prefix + "." + index + ".");
    });
    row.querySelectorAll("[id]").forEach(function (element) {
      element.id = element.id.replace(idPattern, "f-" + prefix.replace(/\./g, "-") + "-" + index + "-");
    });
    row.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = label.htmlFor.replace(idPattern, "f-" + prefix.replace(/\./g, "-") + "-" + index + "-");
    });
  }

  function clear(row) {
    row.querySelectorAll("input, textarea").forEach(function (element) { element.value = ""; });
    row.querySelectorAll("select").forEach(function (element) { element.selectedIndex = 0; });
    row.querySelectorAll(".field-error").forEach(function (element) { element.remove(); });
    row.querySelectorAll("[aria-invalid]").forEach(function (element) {
      element.removeAttribute("aria-invalid");
      element.removeAttribute("aria-describedby");
    });
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-row]");
    if (add) {
      var prefix = add.getAttribute("data-add-row");
      var rows = document.querySelector('[data-rows="' + prefix + '"]');
      var last = rows.querySelector("[data-row]:last-of-type");
      var copy = last.cloneNode(true);
      clear(copy);
      renumber(copy, prefix, rows.querySelectorAll("[data-row]").length);
      rows.appendChild(copy);
      var first = copy.querySelector("input, textarea, select");
      if (first) { first.focus(); }
      return;
    }
    var clearButton = event.target.closest("[data-clear-row]");
    if (clearButton) {
      clear(clearButton.closest("[data-row]"));
    }
  });
}());
