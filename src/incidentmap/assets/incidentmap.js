/* incidentmap: draws the incidents of one map from the data the Python side wrote.
 *
 * Safety: every string that came from an article or an incident file reaches the page through
 * textContent / createTextNode only.  innerHTML is used solely for the badge SVGs, cluster
 * icons and arrowheads, which are built from our own constants (palette, pictograms, numbers).
 *
 * Scale: one L.marker per incident but no popup/tooltip object per marker (one shared popup
 * and tooltip, filled on demand), all markers in one MarkerClusterGroup added in chunks, so
 * 10,000 incidents open and pan smoothly.
 */
(function (global) {
  'use strict';
  var L = global.L;
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var HOLLOW_KEY = '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">' +
    '<circle cx="12" cy="12" r="10.4" fill="#fff" stroke="#555" stroke-width="2" ' +
    'stroke-dasharray="3.2 2.2"/></svg>';

  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  // Only for our own SVG strings (see the note at the top).
  function svgNode(markup) {
    var t = document.createElement('template');
    t.innerHTML = markup;
    return t.content.firstChild;
  }

  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }

  function safeKey(k) { return String(k).replace(/[^a-z0-9_]/g, '_'); }

  function safeUrl(u) {
    return (typeof u === 'string' && /^https?:\/\/[^\s"<>]+$/i.test(u)) ? u : null;
  }

  function dayNum(iso) {
    return Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5);
  }

  function dayText(n) {
    var d = new Date(n * 864e5);
    return d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear();
  }

  // A small cluster shows the badges of what it holds (the reader sees which types are
  // there without clicking); a big one a ring coloured by family share, with its count.
  function clusterIcon(cluster) {
    var ms = cluster.getAllChildMarkers(), n = ms.length, i;
    if (n <= 9) {
      var cols = n <= 3 ? n : (n <= 4 ? 2 : 3), rows = Math.ceil(n / cols), cell = 19;
      var keys = ms.map(function (m) { return m.options.imBadge; }).sort();
      var html = '<div class="im-stack" style="width:' + (cols * cell + 6) + 'px">';
      for (i = 0; i < n; i++) { html += keys[i].slice(keys[i].indexOf('\u0001') + 1); }
      html += '</div>';
      return L.divIcon({html: html, className: 'im-cluster im-cluster-small',
                        iconSize: [cols * cell + 6, rows * cell + 6]});
    }
    var by = {}, colors = [];
    for (i = 0; i < n; i++) {
      var c = ms[i].options.imColor;
      if (!(c in by)) { by[c] = 0; colors.push(c); }
      by[c] += 1;
    }
    colors.sort();
    var acc = 0, stops = [];
    for (i = 0; i < colors.length; i++) {
      var a = acc / n * 360, b = (acc + by[colors[i]]) / n * 360;
      stops.push(colors[i] + ' ' + a.toFixed(1) + 'deg ' + b.toFixed(1) + 'deg');
      acc += by[colors[i]];
    }
    var size = n < 100 ? 40 : n < 1000 ? 46 : 52;
    return L.divIcon({
      html: '<div class="im-cluster-ring" style="background:conic-gradient(' + stops.join(',') +
        ')"><span>' + thousands(n) + '</span></div>',
      className: 'im-cluster' + (n >= 1000 ? ' im-cluster-big' : ''),
      iconSize: [size, size]
    });
  }

  // An arrowhead rotated in screen space (for a straight line in Web Mercator the angle is
  // the same at every zoom); its tip sits ``tip`` px from the anchor along the line.
  function arrowIcon(color, angle, tip) {
    var a = (tip - 13) + ' -7 L' + tip + ' 0 L' + (tip - 13) + ' 7';
    return L.divIcon({
      html: '<svg viewBox="-30 -30 60 60" width="60" height="60" style="transform:rotate(' +
        angle.toFixed(1) + 'deg)" aria-hidden="true"><path d="M' + a + ' Z" fill="' + color +
        '" stroke="#fff" stroke-width="1"/></svg>',
      className: 'im-arrow',
      iconSize: [60, 60],
      iconAnchor: [30, 30]
    });
  }

  function draw(map, data) {
    var opts = data.options || {};
    var container = map.getContainer();
    var narrow = (container.clientWidth || global.innerWidth) < 600;
    if (!map.options.maxZoom) { map.options.maxZoom = 18; }
    if (opts.offline) { container.classList.add('im-offline'); }

    map.createPane('imBackground').style.zIndex = 150;
    map.createPane('imAreas').style.zIndex = 350;
    map.createPane('imMoves').style.zIndex = 450;

    if (data.background && data.background.length) {
      L.geoJSON({
        type: 'FeatureCollection',
        features: data.background.map(function (b) {
          return {type: 'Feature', properties: {}, geometry: b.g};
        })
      }, {
        pane: 'imBackground', interactive: false,
        style: {color: '#ffffff', weight: 1, fillColor: '#e6e5e0', fillOpacity: 1, className: 'im-land'}
      }).addTo(map);
    }

    var types = {}, typeList = data.types || [];
    typeList.forEach(function (t) { t.visible = true; types[t.k] = t; });
    var sources = data.sources || [];

    // ---------------------------------------------------------------- popups and tooltips
    function popupWidth() { return Math.max(200, Math.min(320, container.clientWidth - 70)); }

    function popupContent(p, t) {
      var root = el('div', 'im-pop');
      var head = el('div', 'im-pop-head', null, root);
      head.appendChild(svgNode(p.v ? t.svgh : t.svg));
      el('strong', 'im-pop-type', t.l + (p.st ? ' (' + p.st + ')' : ''), head);
      el('div', 'im-pop-line im-pop-date', p.dl, root);
      el('div', 'im-pop-line im-pop-place', p.pl + ' · ' + p.gp, root);
      if (p.o) { el('div', 'im-pop-line im-pop-from', 'From ' + p.o[2], root); }
      (p.c || []).forEach(function (c) { el('div', 'im-pop-line im-pop-cas', c, root); });
      if (p.a) { el('div', 'im-pop-line im-pop-actors', 'Actors: ' + p.a, root); }
      if (p.e) { el('blockquote', 'im-pop-quote', '\u201c' + p.e + '\u201d', root); }
      var idx = p.ss || ((p.s === null || p.s === undefined) ? [] : [p.s]);
      var srcs = idx.map(function (i) { return sources[i]; }).filter(Boolean);
      if (srcs.length) {
        var line = el('div', 'im-pop-src', srcs.length > 1 ? srcs.length + ' sources: ' : 'Source: ', root);
        srcs.forEach(function (s, n) {
          if (n) { line.appendChild(document.createTextNode('; ')); }
          var u = safeUrl(s.u);
          var a = el(u ? 'a' : 'span', null, s.p + (s.d ? ', ' + s.d : ''), line);
          if (u) { a.href = u; a.target = '_blank'; a.rel = 'noopener noreferrer'; }
        });
      }
      return root;
    }

    function tooltipContent(p, t) {
      return el('span', 'im-tip', t.l + ' \u00b7 ' + (p.v ? 'somewhere in ' : '') + p.pn);
    }

    var popup = L.popup({maxWidth: popupWidth(), autoPanPadding: [12, 12], className: 'im-popup',
                         offset: [0, -8]});
    var tooltip = L.tooltip({direction: 'right', offset: [12, 0], className: 'im-tooltip'});

    function openPopup(rec, latlng) {
      popup.options.maxWidth = popupWidth();
      popup.setLatLng(latlng || rec.marker.getLatLng())
        .setContent(popupContent(rec.p, rec.t)).openOn(map);
    }

    // ---------------------------------------------------------------- markers, lines, areas
    var cluster = L.markerClusterGroup({
      chunkedLoading: true, maxClusterRadius: 40, showCoverageOnHover: false,
      spiderfyOnMaxZoom: true, spiderfyDistanceMultiplier: 1.4,
      spiderLegPolylineOptions: {weight: 1.5, color: '#333', opacity: 0.6},
      iconCreateFunction: clusterIcon
    });
    var icons = {};
    function icon(t, vague) {
      var key = t.k + (vague ? '~' : '');
      if (!icons[key]) {
        icons[key] = L.divIcon({
          html: vague ? t.svgh : t.svg,
          className: 'im-marker im-t-' + safeKey(t.k) + (vague ? ' im-vague' : ' im-precise'),
          iconSize: [26, 26], iconAnchor: [13, 13]
        });
      }
      return icons[key];
    }

    var areas = (data.areas || []).map(function (a) {
      return {a: a, members: [], layer: null, on: false};
    });
    var records = [];
    var origins = {};  // one name label per origin point, shown while any of its moves is
    var feats = (data.features && data.features.features) || [];
    feats.forEach(function (f) {
      var p = f.properties, t = types[p.t];
      if (!t) { return; }
      var c = f.geometry.coordinates, ll = L.latLng(c[1], c[0]);
      var rec = {p: p, t: t, day: p.d ? dayNum(p.d) : null, on: false, extras: null};
      // imBadge: a sort key (legend order, type) and, after \u0001, the badge for cluster stacks.
      var order = ('000' + typeList.indexOf(t)).slice(-3) + (p.v ? '1' : '0');
      rec.marker = L.marker(ll, {icon: icon(t, p.v), keyboard: true, riseOnHover: true,
                                 imColor: t.c,
                                 imBadge: order + '\u0001' + (p.v ? t.svgh : t.svg)});
      rec.marker.imRec = rec;
      if (p.o) {
        var from = L.latLng(p.o[0], p.o[1]);
        var a0 = map.project(from, 0), a1 = map.project(ll, 0);
        var angle = Math.atan2(a1.y - a0.y, a1.x - a0.x) * 180 / Math.PI;
        var line = L.polyline([from, ll], {color: t.c, weight: 2.6, opacity: 0.9, pane: 'imMoves',
                                           className: 'im-move im-t-' + safeKey(t.k)});
        // One head just short of the destination badge, one halfway (the end may sit under
        // a cluster of what happened there).
        var head = L.marker(ll, {icon: arrowIcon(t.c, angle, -14), interactive: false,
                                 pane: 'imMoves', keyboard: false});
        var mid = L.marker(map.unproject(a0.add(a1).divideBy(2), 0),
                           {icon: arrowIcon(t.c, angle, 7), interactive: false, pane: 'imMoves',
                            keyboard: false});
        var dot = L.circleMarker(from, {radius: 4, color: t.c, weight: 2, fillColor: '#fff',
                                        fillOpacity: 1, pane: 'imMoves'});
        [line, dot].forEach(function (l) {
          l.on('click', function (e) { openPopup(rec, e.latlng); });
          l.bindTooltip(el('span', 'im-tip', t.l + ': from ' + p.o[2] + ' to ' + p.pn),
                        {sticky: true, className: 'im-tooltip'});
        });
        rec.extras = [line, head, mid, dot];
        var okey = p.o[0] + ',' + p.o[1];
        if (!origins[okey]) {
          origins[okey] = {members: [], on: false, layer: L.tooltip({
            permanent: true, direction: 'top', offset: [0, -6], className: 'im-origin-label',
            interactive: false
          }).setLatLng(from).setContent(el('span', null, p.o[2]))};
        }
        origins[okey].members.push(rec);
      }
      if (p.ar !== undefined && areas[p.ar]) { areas[p.ar].members.push(rec); }
      records.push(rec);
    });

    cluster.on('click', function (e) { if (e.layer.imRec) { openPopup(e.layer.imRec); } });
    cluster.on('mouseover', function (e) {
      var rec = e.layer.imRec;
      if (!rec) { return; }
      tooltip.setLatLng(rec.marker.getLatLng()).setContent(tooltipContent(rec.p, rec.t));
      map.openTooltip(tooltip);
    });
    cluster.on('mouseout', function () { map.closeTooltip(tooltip); });
    // A cluster says what it holds: "7 incidents: Attack 2, Arson 1, ...", click to open.
    cluster.on('clustermouseover', function (e) {
      var ms = e.layer.getAllChildMarkers(), by = {}, parts = [];
      ms.forEach(function (m) { var l = m.imRec.t.l; by[l] = (by[l] || 0) + 1; });
      typeList.forEach(function (t) { if (by[t.l]) { parts.push(t.l + ' ' + by[t.l]); } });
      tooltip.setLatLng(e.layer.getLatLng()).setContent(el('span', 'im-tip',
        thousands(ms.length) + ' incidents: ' + parts.slice(0, 6).join(', ') +
        (parts.length > 6 ? ', \u2026' : '') + ' \u2014 click to open'));
      map.openTooltip(tooltip);
    });
    cluster.on('clustermouseout', function () { map.closeTooltip(tooltip); });
    map.addLayer(cluster);

    areas.forEach(function (ar) {
      var cols = {};
      ar.members.forEach(function (r) { cols[r.t.c] = 1; });
      var keys = Object.keys(cols), col = keys.length === 1 ? keys[0] : '#444444';
      // Not clickable: zoomed in, the area fills the view, and a click anywhere would open
      // it instead of closing a popup.  Its incidents are the hollow badges at its centre.
      ar.layer = L.geoJSON(ar.a.g, {
        pane: 'imAreas', interactive: false,
        style: {color: col, weight: 1.6, dashArray: '6 4', fillColor: col, fillOpacity: 0.08,
                className: 'im-area'}
      });
    });

    // ---------------------------------------------------------------- heat map
    var heat = null;
    if (opts.heatmap && L.heatLayer) {
      heat = L.heatLayer([], {radius: 22, blur: 18, minOpacity: 0.35, maxZoom: 9});
      heat.imOn = true;
    }

    // ---------------------------------------------------------------- what is shown
    var timeDay = null;  // null: every date (and the undated)
    function wanted(r) {
      if (!r.t.visible) { return false; }
      if (timeDay === null) { return true; }
      return r.day !== null && r.day <= timeDay;
    }
    function sync() {
      var add = [], remove = [];
      records.forEach(function (r) {
        var w = wanted(r);
        if (w === r.on) { return; }
        r.on = w;
        (w ? add : remove).push(r.marker);
        if (r.extras) {
          r.extras.forEach(function (l) { if (w) { l.addTo(map); } else { map.removeLayer(l); } });
        }
      });
      if (remove.length) { cluster.removeLayers(remove); }
      if (add.length) { cluster.addLayers(add); }
      Object.keys(origins).forEach(function (k) {
        var o = origins[k], w = o.members.some(function (r) { return r.on; });
        if (w !== o.on) {
          o.on = w;
          if (w) { map.openTooltip(o.layer); } else { map.closeTooltip(o.layer); }
        }
      });
      areas.forEach(function (ar) {
        var w = ar.members.some(function (r) { return r.on; });
        if (w !== ar.on) {
          ar.on = w;
          if (w) { ar.layer.addTo(map); } else { map.removeLayer(ar.layer); }
        }
      });
      if (heat) {
        var pts = records.filter(function (r) { return r.on; })
          .map(function (r) { return r.marker.getLatLng(); });
        // leaflet.heat 0.2.0 redraws in the next frame and fails if it has left the map by
        // then: give it points only while on the map, and cancel a pending frame on removal.
        if (heat.imOn && !map.hasLayer(heat)) {
          heat._latlngs = pts;
          heat.addTo(map);
        } else if (heat.imOn) {
          heat.setLatLngs(pts);
        } else if (map.hasLayer(heat)) {
          if (heat._frame) { L.Util.cancelAnimFrame(heat._frame); heat._frame = null; }
          map.removeLayer(heat);
        }
      }
      if (map.hasLayer(popup)) { map.closePopup(popup); }
    }

    // ---------------------------------------------------------------- legend = layer control
    var Legend = L.Control.extend({
      options: {position: 'topright'},
      onAdd: function () {
        var box = el('div', 'im-legend' + (narrow ? ' im-collapsed' : ''));
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', 'Legend');
        var btn = el('button', 'im-legend-toggle', 'Legend', box);
        btn.type = 'button';
        btn.setAttribute('aria-expanded', narrow ? 'false' : 'true');
        var body = el('div', 'im-legend-body', null, box);
        function setCollapsed(c) {
          box.classList.toggle('im-collapsed', c);
          btn.setAttribute('aria-expanded', c ? 'false' : 'true');
        }
        btn.addEventListener('click', function () {
          setCollapsed(!box.classList.contains('im-collapsed'));
        });
        // A frame resized to phone width (or a phone turned) folds the legend away.
        if (global.matchMedia) {
          var mq = global.matchMedia('(max-width: 600px)');
          var onChange = function () { setCollapsed(mq.matches); };
          if (mq.addEventListener) { mq.addEventListener('change', onChange); }
        }
        var fam = null;
        typeList.forEach(function (t) {
          if (t.f !== fam) {
            fam = t.f;
            var fh = el('div', 'im-fam', null, body);
            var sw = el('span', 'im-swatch', null, fh);
            sw.style.background = t.c;
            el('span', null, t.fl, fh);
          }
          var row = el('label', 'im-row', null, body);
          var cb = el('input', null, null, row);
          cb.type = 'checkbox';
          cb.checked = true;
          cb.className = 'im-toggle';
          cb.setAttribute('data-type', t.k);
          row.appendChild(svgNode(t.svg));
          el('span', 'im-lab', t.l, row);
          el('span', 'im-n', thousands(t.n), row);
          cb.addEventListener('change', function () { t.visible = cb.checked; sync(); });
        });
        var key = el('div', 'im-key', null, body);
        var anyVague = records.some(function (r) { return r.p.v; });
        if (anyVague) {
          var kr = el('div', 'im-row im-key-row', null, key);
          kr.appendChild(svgNode(HOLLOW_KEY));
          el('span', 'im-lab', 'Hollow: placed only to a region or country', kr);
        }
        if (areas.length) {
          var ka = el('div', 'im-row im-key-row', null, key);
          el('span', 'im-area-swatch', null, ka);
          el('span', 'im-lab', 'Shaded: the country it is placed in', ka);
        }
        if (records.some(function (r) { return r.extras; })) {
          var km = el('div', 'im-row im-key-row', null, key);
          el('span', 'im-move-swatch', null, km);
          el('span', 'im-lab', 'Movement, origin to destination', km);
        }
        if (heat) {
          var hr = el('label', 'im-row', null, key);
          var hc = el('input', 'im-toggle', null, hr);
          hc.type = 'checkbox';
          hc.checked = true;
          hc.setAttribute('data-type', '_heat');
          el('span', 'im-heat-swatch', null, hr);
          el('span', 'im-lab', 'Density (heat map)', hr);
          hc.addEventListener('change', function () { heat.imOn = hc.checked; sync(); });
        }
        if (!records.length) { el('div', 'im-row', 'No incidents to show', body); }
        // Never taller than the map (it scrolls inside), whatever the frame.
        var fit = function () { box.style.maxHeight = Math.max(80, map.getSize().y - 24) + 'px'; };
        fit();
        map.on('resize', fit);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    new Legend().addTo(map);

    // ---------------------------------------------------------------- timeline
    var days = records.filter(function (r) { return r.day !== null; })
      .map(function (r) { return r.day; });
    if (opts.timeline && days.length) {
      var first = Math.min.apply(null, days), last = Math.max.apply(null, days);
      var span = last - first + 1;  // positions 0..span-1 are days; span is "all"
      var undated = records.some(function (r) { return r.day === null; });
      var Timeline = L.Control.extend({
        options: {position: 'bottomleft'},
        onAdd: function () {
          var box = el('div', 'im-timeline');
          var play = el('button', 'im-play', '\u25b6', box);
          play.type = 'button';
          play.setAttribute('aria-label', 'Play day by day');
          var range = el('input', 'im-range', null, box);
          range.type = 'range';
          range.min = '0';
          range.max = String(span);
          range.step = '1';
          range.value = String(span);
          range.setAttribute('aria-label', 'Show incidents up to this date');
          var label = el('span', 'im-time-label', null, box);
          var timer = null;
          function show(i) {
            range.value = String(i);
            timeDay = i >= span ? null : first + i;
            label.textContent = timeDay === null
              ? (undated ? 'All dates, and undated' : 'All dates')
              : 'Up to ' + dayText(timeDay);
            sync();
          }
          function stop() {
            if (timer) { global.clearInterval(timer); timer = null; }
            play.textContent = '\u25b6';
            play.setAttribute('aria-label', 'Play day by day');
          }
          play.addEventListener('click', function () {
            if (timer) { stop(); return; }
            var i = +range.value >= span ? 0 : +range.value + 1;
            show(i);
            play.textContent = '\u275a\u275a';
            play.setAttribute('aria-label', 'Pause');
            timer = global.setInterval(function () {
              var next = +range.value + 1;
              show(next);
              if (next >= span) { stop(); }
            }, 900);
          });
          range.addEventListener('input', function () { stop(); show(+range.value); });
          show(span);
          L.DomEvent.disableClickPropagation(box);
          return box;
        }
      });
      new Timeline().addTo(map);
    }

    sync();

    // ---------------------------------------------------------------- the view
    if (data.bounds) {
      map.fitBounds(data.bounds, {
        paddingTopLeft: [24, 24],
        paddingBottomRight: [narrow ? 24 : 150, opts.timeline ? 60 : 24],
        maxZoom: 11, animate: false  // the first view appears in place, no zoom animation
      });
    } else {
      map.setView([20, 0], 2, {animate: false});
    }

    var api = {
      map: map, cluster: cluster, records: records, types: types,
      shownCount: function () { return records.filter(function (r) { return r.on; }).length; },
      setTime: function (iso) { timeDay = iso ? dayNum(iso) : null; sync(); }
    };
    global.incidentmap.maps.push(api);
    return api;
  }

  global.incidentmap = {draw: draw, maps: []};
}(window));
