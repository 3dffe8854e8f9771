/* The planner's form: territory suggestions while typing, and only the fields
   the chosen question needs. Without JavaScript every field shows and works. */
(function () {
  "use strict";
  var form = document.getElementById("planner-form");
  if (!form) { return; }
  var input = document.getElementById("id_territory");
  var list = document.getElementById("territory-suggestions");
  var timer = null;
  if (input && list) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (input.value.length < 2) { return; }
        fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(input.value))
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
  }

  var NEEDS = {
    coverage: ["minutes"],
    max_cover: ["minutes", "new_sites"],
    set_cover: ["minutes", "share"],
    two_tier: ["structuring_minutes", "village_minutes", "min_population"]
  };
  var OPTIONAL = ["minutes", "new_sites", "share", "structuring_minutes", "village_minutes", "min_population"];

  function update() {
    var checked = form.querySelector("input[name=strategy]:checked");
    var needs = NEEDS[checked ? checked.value : "coverage"] || [];
    OPTIONAL.forEach(function (name) {
      var field = document.getElementById("id_" + name);
      if (!field) { return; }
      var box = field.closest(".field");
      var shown = needs.indexOf(name) !== -1;
      box.hidden = !shown;
      field.disabled = !shown;
    });
  }
  form.querySelectorAll("input[name=strategy]").forEach(function (radio) {
    radio.addEventListener("change", update);
  });
  update();
})();
