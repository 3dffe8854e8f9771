/* The planner's map: communes coloured by travel time, existing and proposed sites.
   Reads the plan's GeoJSON from data-geojson (a URL) or from an inline #plan-data script. */
(function () {
  "use strict";
  var el = document.getElementById("plan-map");
  if (!el || typeof L === "undefined") { return; }
  var COLOURS = ["#1a7f37", "#8cc63f", "#f0a500", "#c0392b"];

  function colour(minutes, threshold) {
    if (minutes === null || minutes === undefined) { return COLOURS[3]; }
    if (minutes <= threshold / 2) { return COLOURS[0]; }
    if (minutes <= threshold) { return COLOURS[1]; }
    if (minutes <= threshold * 1.5) { return COLOURS[2]; }
    return COLOURS[3];
  }

  function label(props) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = (props.rank ? props.rank + ". " : "") + props.name;
    box.appendChild(title);
    if (props.kind === "commune") {
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(
        Math.round(props.population) + " · " +
        (props.minutes_after === null ? "—" : props.minutes_after + " min")));
    }
    return box;
  }

  function draw(data) {
    var map = L.map(el, { scrollWheelZoom: false });
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 18 }).addTo(map);
    }
    var threshold = data.minutes || 20;
    var communes = L.featureGroup(), sites = L.featureGroup();
    data.features.forEach(function (feature) {
      var c = feature.geometry.coordinates, p = feature.properties, layer;
      if (p.kind === "commune") {
        layer = L.circleMarker([c[1], c[0]], {
          radius: 4, weight: 0, fillOpacity: 0.85, fillColor: colour(p.minutes_after, threshold)
        });
        communes.addLayer(layer);
      } else if (p.kind === "existing") {
        layer = L.marker([c[1], c[0]], {
          title: p.name, alt: p.name,
          icon: L.divIcon({ className: "plan-existing", iconSize: [14, 14] })
        });
        sites.addLayer(layer);
      } else {
        layer = L.marker([c[1], c[0]], {
          title: p.rank + ". " + p.name, alt: p.rank + ". " + p.name,
          icon: L.divIcon({ className: "plan-new", html: String(p.rank), iconSize: [22, 22] })
        });
        sites.addLayer(layer);
      }
      layer.bindPopup(label(p));
    });
    communes.addTo(map);
    sites.addTo(map);
    if (communes.getLayers().length) { map.fitBounds(communes.getBounds(), { padding: [10, 10] }); }
    else { map.setView([46.5, 2.5], 5); }
    el.dataset.communes = String(communes.getLayers().length);
    el.dataset.sites = String(sites.getLayers().length);
  }

  var inline = document.getElementById("plan-data");
  if (inline) { draw(JSON.parse(inline.textContent)); return; }
  fetch(el.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(draw)
    .catch(function () { el.dataset.communes = "error"; });
})();
