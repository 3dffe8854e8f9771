/* The answer form: display conditions, "other, please specify" and commune suggestions.
   Without this script every question shows, with a note; the server decides anyway. */
(function () {
  "use strict";
  var form = document.querySelector("form.survey-form");
  if (!form) { return; }
  var note = document.getElementById("conditions-note");
  if (note) { note.hidden = true; }

  function picked(name) {
    var values = [];
    form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) { values.push(input.value); }
      } else if (input.value) {
        values.push(input.value);
      }
    });
    return values;
  }

  function isShown(block) {
    return block.dataset.hidden !== "true";
  }

  function refresh() {
    /* In document order, so that a question depending on a hidden one hides too. */
    form.querySelectorAll(".question[data-condition]").forEach(function (block) {
      var source = document.getElementById("question-" + block.dataset.condition.slice(1));
      var wanted = block.dataset.values.split(",");
      var shown = (!source || isShown(source)) && picked(block.dataset.condition).some(function (v) {
        return wanted.indexOf(v) !== -1;
      });
      block.dataset.hidden = shown ? "false" : "true";
      block.hidden = !shown;
    });
    form.querySelectorAll(".other-answer").forEach(function (other) {
      other.hidden = picked(other.dataset.otherFor).indexOf(other.dataset.otherValue) === -1;
    });
  }

  form.addEventListener("change", refresh);
  refresh();

  /* Commune suggestions from the directory's search, as the directory's own page does. */
  form.querySelectorAll("input.commune-input").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (input.value.length < 2 || !list) { return; }
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(input.value))
          .then(function (r) { return r.json(); })
          .then(function (data) {
            list.innerHTML = "";
            data.results.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.label;
              list.appendChild(option);
            });
          });
      }, 200);
    });
  });
})();
