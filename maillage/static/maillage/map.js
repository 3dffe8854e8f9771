/* Maps of the directory (Leaflet from our own static files). The page works without it. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 18 }).addTo(map);
  window.maillageMap = map;

  function popup(props) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    box.appendChild(link);
    if (props.town) { box.appendChild(document.createTextNode(" — " + props.town)); }
    return box;
  }

  if (el.dataset.point) {
    var parts = el.dataset.point.split(",").map(Number);
    map.setView(parts, 13);
    L.marker(parts, { title: el.dataset.name, alt: el.dataset.name }).addTo(map);
    el.dataset.markers = "1";
    return;
  }

  map.setView([44.5, 1.0], 5);
  fetch(el.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var group = L.markerClusterGroup ? L.markerClusterGroup() : L.featureGroup();
      data.features.forEach(function (feature) {
        var c = feature.geometry.coordinates;
        var marker = L.marker([c[1], c[0]], { title: feature.properties.name, alt: feature.properties.name });
        marker.bindPopup(popup(feature.properties));
        group.addLayer(marker);
      });
      group.addTo(map);
      if (data.features.length) { map.fitBounds(group.getBounds(), { maxZoom: 12, padding: [20, 20] }); }
      el.dataset.markers = String(data.features.length);
    })
    .catch(function () { el.dataset.markers = "error"; });

  /* Town suggestions for the "near" field, filled while typing. */
  var near = document.getElementById("id_near");
  var list = document.getElementById("commune-suggestions");
  if (near && list) {
    var timer = null;
    near.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (near.value.length < 2) { return; }
        fetch(near.dataset.suggestUrl + "?q=" + encodeURIComponent(near.value))
          .then(function (r) { return r.json(); })
          .then(function (data) {
            list.innerHTML = "";
            data.results.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.name;
              option.label = item.label;
              list.appendChild(option);
            });
          });
      }, 200);
    });
  }
})();
