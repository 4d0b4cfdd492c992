/* The Kuril Islands atlas in the browser: colours the islands by who held them on a date, or
 * as one side's maps draw them (the view switch), replays the history with a slider and Play,
 * and tells the server (when there is one) the date, island and view only when playback
 * pauses, dragging stops, an island is chosen or the view is switched.
 * All data text reaches the page through textContent, never as HTML. */
(function () {
  "use strict";

  var SPEEDS = [1, 2, 4, 8, 16]; // frames per second
  var AWAIT_MS = 8000; // how long a report may wait for the server's answer
  var ADMINISTERED = "administered"; // the view of who held each island; the payload's `views` are the sides'
  var UNDETERMINED = -2; // in a view's segments: a place whose status that side holds open
  var PATTERN_ID = "atlas-undetermined"; // the SVG hatch that draws it
  var AREA_OPACITY = 0.6; // the shaded context regions (South Sakhalin) are shaded, not filled

  var ICONS = { // SVG paths on a 16x16 grid, so that no font has to carry these symbols
    previous: "M3 2h2v12H3zM14 2v12L6 8z",
    next: "M11 2h2v12h-2zM2 2v12l8-6z",
    play: "M4 2v12l10-6z",
    pause: "M3 2h4v12H3zM9 2h4v12H9z",
    present: "M1 1h5v2H3v3H1zM10 1h5v5h-2V3h-3zM1 10h2v3h3v2H1zM13 10h2v5h-5v-2h3z",
    leave: "M4 1h2v5H1V4h3zM10 1h2v3h3v2h-5zM1 10h5v5H4v-3H1zM10 10h5v2h-3v3h-2z"
  };

  function icon(name) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), path = document.createElementNS(ns, "path");
    svg.setAttribute("viewBox", "0 0 16 16"); svg.setAttribute("width", "16"); svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false");
    path.setAttribute("d", ICONS[name]); path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  function setIcon(button, name) {
    button.textContent = "";
    button.appendChild(icon(name));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* The index of the last item of `list` (sorted by day) on or before `day`, or -1; `dayOf`
   * gives an item's ISO day (ISO strings compare as dates). */
  function lastOnOrBefore(list, day, dayOf) {
    var low = 0, high = list.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (dayOf(list[middle]) <= day) { found = middle; low = middle + 1; } else { high = middle - 1; }
    }
    return found;
  }

  function first(item) { return item[0]; }
  function itself(item) { return item; }

  /* The segment in force on `day`. */
  function segmentAt(segments, day) {
    return segments[Math.max(0, lastOnOrBefore(segments, day, first))];
  }

  function frameIndex(frames, day) {
    return Math.max(0, lastOnOrBefore(frames, day, itself));
  }

  function Atlas(map, options) {
    this.map = map;
    this.options = options;
    this.style = options.style; // colours and bounds, from geo/style.py
    this.state = { date: options.state.date, island: options.state.island || "", lang: options.state.lang || "en",
      view: options.state.view || ADMINISTERED };
    this.playing = null;
    this.speed = 4;
    this.layers = {};
    this.ready = false;
    this.reportTimer = null;
    this.presenting = false;
    this.announced = null; // the date last described in the live region
  }

  /* The fill colour of a state by its number in the replay table's list (-1: none). */
  Atlas.prototype.stateColor = function (number) {
    return number >= 0 ? this.style.states[this.data.states[number]] || this.style.none : this.style.none;
  };

  /* The views there are: the administered one, then each side's (the replay table lists them). */
  Atlas.prototype.viewNames = function () {
    return [ADMINISTERED].concat(this.data.views || []);
  };

  /* What `view` (default: the map's) shows on island `id` on `day`: {index: a state's number,
   * -1 for none or UNDETERMINED, unclear: whether that side's position then is unclear in the
   * sources, so that the administered state is shown}. */
  Atlas.prototype.shownAt = function (id, day, view) {
    var island = this.data.islands[id], runs;
    view = view || this.state.view;
    runs = island.views && island.views[view];
    if (view === ADMINISTERED || !runs) return { index: segmentAt(island.segments, day)[1], unclear: false };
    var run = segmentAt(runs, day);
    return { index: run[1], unclear: run[2] === 1 };
  };

  /* The same for a shaded context region (the payload's `context`, which has every view). */
  Atlas.prototype.areaShownAt = function (id, day, view) {
    var runs = ((this.data.context || {})[id] || {})[view || this.state.view];
    if (!runs) return { index: -1, unclear: false };
    var run = segmentAt(runs, day);
    return { index: run[1], unclear: run[2] === 1 };
  };

  /* The fill of what a view shows: a state's colour, or the hatch for undetermined. */
  Atlas.prototype.shownFill = function (index) {
    return index === UNDETERMINED ? "url(#" + PATTERN_ID + ")" : this.stateColor(index);
  };

  Atlas.prototype.shownLabel = function (shown) {
    return shown.index === UNDETERMINED ? this.t("state_undetermined_short") : this.stateLabel(shown.index);
  };

  Atlas.prototype.t = function (key) {
    var table = this.data.text[this.state.lang] || this.data.text.en;
    return table[key] || key;
  };

  Atlas.prototype.load = function () {
    var self = this, urls = this.options.urls, inline = this.options.inline;
    var names = ["timeline", "islands", "context", "boundaries", "areas"];
    // `inline` holds the data in the page itself (the offline export: no server to fetch from).
    // Otherwise each file's download was started by the map's script as it ran (atlas-prefetch.js).
    var prefetched = window.KurilAtlasPrefetch;
    var loading = inline ? Promise.resolve(names.map(function (name) { return inline[name]; })) : Promise.all(names.map(function (name) {
      return (prefetched && prefetched.take(urls[name])) || fetch(urls[name]).then(function (response) {
        if (!response.ok) throw new Error(name + ": HTTP " + response.status);
        return response.json();
      });
    }));
    return loading.then(function (parts) {
      self.data = self.sharedData = parts[0];
      self.draw(parts[1], parts[2], parts[3], parts[4]);
      self.ready = true;
      if (self.useTimeline()) { self.labelControls(); self.listEvents(); }
      self.render();
      if (!self.moved) self.fitChain();
      self.announce(true);
      self.applyFocus();
      self.applySwipe();
      self.linkViews();
      self.listenForKeys();
      self.map.getContainer().setAttribute("data-atlas-ready", "1");
      self.reportDrawn();
    }).catch(function (error) {
      var box = element("div", "atlas-panel", "The map data could not be loaded: " + error.message);
      box.setAttribute("role", "alert");
      self.map.getContainer().appendChild(box);
      box.style.position = "absolute"; box.style.top = "10px"; box.style.left = "60px"; box.style.zIndex = 1000;
    });
  };

  Atlas.prototype.draw = function (islands, context, boundaries, areas) {
    var self = this, map = this.map, style = this.style;
    map.getContainer().style.background = style.sea;
    map.createPane("atlasContext").style.zIndex = 350;
    map.createPane("atlasIslands").style.zIndex = 420;
    this.addPattern();
    L.geoJSON(context, {
      pane: "atlasContext", interactive: false,
      style: { color: style.landEdge, weight: 0.8, fillColor: style.land, fillOpacity: 1 }
    }).addTo(map);
    // The shaded context regions (South Sakhalin) over the land, coloured by the view like the islands.
    this.areaShapes = areas;
    this.areaLayers = {};
    L.geoJSON(areas, {
      pane: "atlasContext", style: { stroke: false, fillOpacity: 0 },
      onEachFeature: function (feature, layer) {
        var id = feature.properties.id;
        self.areaLayers[id] = layer;
        layer.bindTooltip(function () { return self.areaTooltip(id); }, { sticky: true, className: "atlas-tooltip" });
      }
    }).addTo(map);
    this.boundaryLayer = L.geoJSON(boundaries, {
      pane: "atlasIslands", interactive: false,
      style: { color: style.boundary, weight: 3, dashArray: "8 6" }
    });
    this.boundaryLayer.addTo(map);
    this.islandShapes = islands;
    L.geoJSON(islands, {
      pane: "atlasIslands",
      onEachFeature: function (feature, layer) {
        var id = feature.properties.id;
        self.layers[id] = layer;
        layer.bindTooltip(function () { return self.tooltip(id); }, { sticky: true, className: "atlas-tooltip" });
        layer.on("click", function () { self.select(id === self.state.island ? "" : id, true); });
      }
    }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.attributionControl.addAttribution(this.options.attribution);
    this.buildControls();
    this.fitChain();
    // Until the reader (or a story step) moves the map, it follows the window's size.
    map.on("dragstart zoomstart", function () { if (!self.fitting) self.moved = true; });
    map.on("resize", function () { if (!self.moved) self.fitChain(); });
  };

  /* The hatch that draws "undetermined" (a pattern, never a state's colour), in its own hidden
   * SVG; the map's paths refer to it as url(#atlas-undetermined). */
  Atlas.prototype.addPattern = function () {
    var ns = "http://www.w3.org/2000/svg", hatch = this.style.undetermined;
    if (document.getElementById(PATTERN_ID)) return;
    function node(tag, attributes) {
      var made = document.createElementNS(ns, tag);
      Object.keys(attributes).forEach(function (name) { made.setAttribute(name, attributes[name]); });
      return made;
    }
    var svg = node("svg", { width: "0", height: "0", "aria-hidden": "true", focusable: "false", "class": "atlas-defs" });
    var pattern = node("pattern", { id: PATTERN_ID, patternUnits: "userSpaceOnUse", width: "6", height: "6",
      patternTransform: "rotate(45)" });
    pattern.appendChild(node("rect", { width: "6", height: "6", fill: hatch.ground }));
    pattern.appendChild(node("rect", { width: "2.4", height: "6", fill: hatch.hatch }));
    svg.appendChild(node("defs", {})).appendChild(pattern);
    this.map.getContainer().appendChild(svg);
  };

  /* Show the whole chain clear of the time control and the legend. */
  Atlas.prototype.fitChain = function () {
    var map = this.map, bottom = this.timePanel.offsetHeight + 20;
    // The view switch above the legend covers only the sea north-west of the chain's northern end.
    var size = map.getSize(), right = this.legend.open && size.x >= 700 ? this.legend.offsetWidth + 20 : 10;
    // A frame not laid out yet has no room for the chain: the resize that follows fits it.
    if (size.x <= 56 + right + 20 || size.y <= 10 + bottom + 20) return;
    this.fitting = true;
    map.fitBounds(this.style.bounds, { paddingTopLeft: [56, 10], paddingBottomRight: [right, bottom], animate: false });
    this.fitting = false;
  };

  Atlas.prototype.tooltip = function (id) {
    var island = this.data.islands[id], seg = segmentAt(island.segments, this.state.date);
    var box = element("div");
    box.appendChild(element("strong", null, island.names[this.state.lang] || island.names.en));
    var states = this.data.states, self = this;
    var held = seg[1] >= 0 ? this.t("state_" + states[seg[1]]) : this.t("state_none");
    box.appendChild(element("div", "atlas-status", this.t("held_by") + ": " + held));
    if (seg[2].length) {
      var claimants = seg[2].map(function (n) { return self.t("state_" + states[n]); }).join(", ");
      box.appendChild(element("div", "atlas-status", this.t("claimed_by") + ": " + claimants));
    }
    if (seg[3]) box.appendChild(element("div", "atlas-status", this.t("disputed_short")));
    if (this.state.view !== ADMINISTERED) this.viewLines(box, this.shownAt(id, this.state.date));
    return box;
  };

  /* The tooltip's lines on what the shown view draws ("Japan's maps: undetermined"), and a word
   * where that side's position is unclear and the administered state is drawn instead. */
  Atlas.prototype.viewLines = function (box, shown) {
    box.appendChild(element("div", "atlas-status", this.t("view_" + this.state.view) + ": " + this.shownLabel(shown)));
    if (shown.unclear) box.appendChild(element("div", "atlas-status atlas-unclear", this.t("view_unclear")));
  };

  Atlas.prototype.areaTooltip = function (id) {
    var box = element("div"), shown = this.areaShownAt(id, this.state.date);
    box.appendChild(element("strong", null, this.t("region_" + id)));
    if (this.state.view === ADMINISTERED) {
      box.appendChild(element("div", "atlas-status", this.t("held_by") + ": " + this.shownLabel(shown)));
    } else {
      this.viewLines(box, shown);
    }
    return box;
  };

  Atlas.prototype.buildControls = function () {
    var self = this;
    var time = L.control({ position: "bottomleft" });
    time.onAdd = function () {
      var panel = element("div", "atlas-panel atlas-time");
      panel.setAttribute("role", "group");
      L.DomEvent.disableClickPropagation(panel);
      L.DomEvent.disableScrollPropagation(panel);
      self.previousButton = element("button", "atlas-previous");
      self.playButton = element("button", "atlas-play");
      self.nextButton = element("button", "atlas-next");
      setIcon(self.previousButton, "previous");
      setIcon(self.nextButton, "next");
      self.slider = element("input", "atlas-slider");
      self.slider.type = "range"; self.slider.min = 0; self.slider.max = self.data.frames.length - 1; self.slider.step = 1;
      self.dateLabel = element("output", "atlas-date");
      self.dateLabel.setAttribute("aria-live", "polite");
      self.speedSelect = element("select", "atlas-speed");
      SPEEDS.forEach(function (speed) {
        var option = element("option", null, speed + "×"); option.value = speed;
        if (speed === self.speed) option.selected = true;
        self.speedSelect.appendChild(option);
      });
      self.eventSelect = element("select", "atlas-events");
      self.caption = element("div", "atlas-caption");
      self.presentButton = element("button", "atlas-present");
      [self.previousButton, self.playButton, self.nextButton, self.slider, self.dateLabel, self.speedSelect,
        self.presentButton, self.eventSelect, self.caption].forEach(function (node) { panel.appendChild(node); });
      self.presentButton.addEventListener("click", function () { self.present(!self.presenting); });
      self.timePanel = panel;
      self.slider.addEventListener("input", function () { self.pause(false); self.setDate(self.data.frames[+self.slider.value]); });
      self.slider.addEventListener("change", function () { self.announce(); self.report(); });
      self.playButton.addEventListener("click", function () { if (self.playing) self.pause(true); else self.play(); });
      self.previousButton.addEventListener("click", function () { self.stepEvent(-1); });
      self.nextButton.addEventListener("click", function () { self.stepEvent(1); });
      self.eventSelect.addEventListener("change", function () { self.goToEvent(self.eventSelect.value); });
      self.speedSelect.addEventListener("change", function () {
        self.speed = +self.speedSelect.value;
        if (self.playing) { self.pause(false); self.play(); }
      });
      return panel;
    };
    time.addTo(this.map);
    // The view switch, above the legend: whose maps the colours follow, and a line on what that
    // view rests on.
    var views = L.control({ position: "topright" });
    views.onAdd = function () {
      var panel = element("div", "atlas-panel atlas-view-panel");
      L.DomEvent.disableClickPropagation(panel);
      L.DomEvent.disableScrollPropagation(panel);
      self.viewSwitch = panel.appendChild(element("div", "atlas-views"));
      self.viewSwitch.setAttribute("role", "group");
      self.viewTitle = self.viewSwitch.appendChild(element("span", "atlas-views-title"));
      self.viewButtons = {};
      self.viewNames().forEach(function (view) {
        var button = self.viewSwitch.appendChild(element("button", "atlas-view"));
        button.type = "button";
        button.setAttribute("data-view", view);
        button.addEventListener("click", function () { self.setView(view, true); });
        self.viewButtons[view] = button;
      });
      self.viewCaption = panel.appendChild(element("div", "atlas-view-caption"));
      self.viewPanel = panel;
      return panel;
    };
    views.addTo(this.map);
    var legend = L.control({ position: "topright" });
    legend.onAdd = function () {
      // A disclosure, open where the map is wide enough to spare the room.
      var box = element("details", "atlas-panel atlas-legend");
      box.open = self.map.getSize().x >= 700;
      self.legend = box;
      self.legendTitle = element("summary");
      self.legendBox = element("div");
      box.appendChild(self.legendTitle);
      box.appendChild(self.legendBox);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    legend.addTo(this.map);
    this.buildHeadline();
    this.buildStatusTable();
    this.labelControls();
    this.listEvents();
  };

  /* Present mode's headline over the map: the date, the event in force and what changed, in
   * type a class can read from the back of the room (hidden outside Present mode). */
  Atlas.prototype.buildHeadline = function () {
    var box = element("div", "atlas-headline");
    this.headlineDate = box.appendChild(element("div", "atlas-headline-date"));
    this.headlineTitle = box.appendChild(element("div", "atlas-headline-title"));
    this.headlineChange = box.appendChild(element("div", "atlas-headline-change"));
    box.setAttribute("aria-hidden", "true"); // the live region says the same to a screen reader
    this.map.getContainer().appendChild(box);
  };

  /* For readers who cannot see the colours: a live region that says in words what changed when
   * the date settles, and every island's status on the shown date as a table. Both are off
   * screen but in the map's reading order. */
  Atlas.prototype.buildStatusTable = function () {
    var container = this.map.getContainer();
    this.announcer = element("div", "atlas-sr atlas-announcer");
    this.announcer.setAttribute("role", "status");
    this.announcer.setAttribute("aria-live", "polite");
    container.appendChild(this.announcer);
    this.statusTable = element("table", "atlas-sr atlas-status-table");
    container.appendChild(this.statusTable);
  };

  Atlas.prototype.labelControls = function () {
    var self = this;
    this.previousButton.setAttribute("aria-label", this.t("previous_event"));
    this.previousButton.title = this.t("previous_event");
    this.nextButton.setAttribute("aria-label", this.t("next_event"));
    this.nextButton.title = this.t("next_event");
    var playLabel = this.playing ? this.t("pause") : this.t("play");
    setIcon(this.playButton, this.playing ? "pause" : "play");
    this.playButton.setAttribute("aria-pressed", this.playing ? "true" : "false");
    this.playButton.setAttribute("aria-label", playLabel);
    this.playButton.title = playLabel;
    this.slider.setAttribute("aria-label", this.t("time_slider"));
    this.speedSelect.setAttribute("aria-label", this.t("speed"));
    var presentLabel = this.t(this.presenting ? "present_leave" : "present");
    setIcon(this.presentButton, this.presenting ? "leave" : "present");
    this.presentButton.setAttribute("aria-label", presentLabel);
    this.presentButton.setAttribute("aria-pressed", this.presenting ? "true" : "false");
    this.presentButton.title = presentLabel + " (F)";
    var baseLabels = this.map.getContainer().querySelectorAll(".leaflet-control-layers-base label span span");
    ["offline_base", "osm", "satellite"].forEach(function (key, number) {
      if (baseLabels[number]) baseLabels[number].textContent = " " + self.t(key);
    });
    var view = this.state.view;
    this.viewSwitch.setAttribute("aria-label", this.t("view_label"));
    this.viewTitle.textContent = this.t("view_label") + ":";
    Object.keys(this.viewButtons).forEach(function (name) {
      var button = self.viewButtons[name];
      button.textContent = self.t("view_" + name);
      button.setAttribute("aria-pressed", name === view ? "true" : "false");
    });
    this.viewCaption.textContent = this.t("view_caption_" + view);
    this.viewCaption.title = this.viewCaption.textContent;
    // The legend says whose view it is; "undetermined" has its hatch in the sides' views.
    this.legendTitle.textContent = this.t("legend") + " · " + this.t("view_" + view);
    this.legendBox.textContent = "";
    this.data.states.forEach(function (state, number) {
      self.legendBox.appendChild(self.legendRow(self.stateColor(number), self.t("state_" + state), ""));
    });
    this.legendBox.appendChild(this.legendRow(this.style.none, this.t("state_none"), ""));
    if (view !== ADMINISTERED) this.legendBox.appendChild(this.legendRow(null, this.t("state_undetermined"), "undetermined"));
    this.legendBox.appendChild(this.legendRow(null, this.t("disputed"), "disputed"));
    this.legendBox.appendChild(this.legendRow(this.style.boundary, this.t("boundary"), "boundary"));
  };

  /* The event list: a first entry that names it, then every event as "date — title". It shows
   * the event in force on the map's date, so arrow keys step to the next or previous event. */
  Atlas.prototype.listEvents = function () {
    var select = this.eventSelect, self = this;
    select.textContent = "";
    select.setAttribute("aria-label", this.t("go_to_event"));
    select.appendChild(element("option", null, this.t("go_to_event") + "…")).value = "";
    this.data.events.forEach(function (event, number) {
      select.appendChild(element("option", null, self.eventLabel(event))).value = String(number);
    });
  };

  /* "date — title" in the map's language (English where the event has no title in it), the date
   * at its precision as Python wrote it in `when` ("1711", "August 1945", "1945-08-18"). */
  Atlas.prototype.eventLabel = function (event) {
    var when = (event.when && event.when[this.state.lang]) || event.date;
    return when + " — " + (event.title[this.state.lang] || event.title.en);
  };

  /* Jump to the event at `number` in the list, at once and without the server; the server then
   * hears of the new date as it does after a step. */
  Atlas.prototype.goToEvent = function (number) {
    var event = number === "" ? null : this.data.events[+number];
    if (!event) { this.render(); return; }
    this.pause(false);
    this.chosenEvent = event;
    this.setDate(event.date);
    this.announce();
    this.report();
  };

  /* The event in force on `day`: the one chosen from the list if it is of that day, else the
   * last one up to that day; with its place in the list (-1 for none). */
  Atlas.prototype.eventOn = function (day) {
    var events = this.data.events, found = -1;
    for (var i = 0; i < events.length && events[i].date <= day; i++) found = i;
    var chosen = this.chosenEvent ? events.indexOf(this.chosenEvent) : -1;
    if (chosen >= 0 && events[chosen].date === day) found = chosen;
    return { event: found >= 0 ? events[found] : null, number: found };
  };

  /* The event that set the state shown on `day` (geo.status.setting_event, computed in Python
   * for every day of change), or null. */
  Atlas.prototype.settingEvent = function (day) {
    var settings = this.data.settings, found = lastOnOrBefore(settings, day, first);
    return found >= 0 && settings[found][1] >= 0 ? this.data.events[settings[found][1]] : null;
  };

  Atlas.prototype.legendRow = function (color, label, kind) {
    var row = element("div", "atlas-legend-row"), swatch = element("span", "atlas-swatch " + kind);
    if (color) swatch.style[kind === "boundary" ? "borderTopColor" : "background"] = color;
    if (kind === "undetermined") {
      var hatch = this.style.undetermined;
      swatch.style.background = "repeating-linear-gradient(-45deg, " + hatch.hatch + " 0 2px, " + hatch.ground + " 2px 5px)";
    }
    swatch.setAttribute("aria-hidden", "true");
    row.appendChild(swatch); row.appendChild(element("span", null, label));
    return row;
  };

  Atlas.prototype.setDate = function (day) {
    this.state.date = day;
    if (this.ready) this.render();
  };

  /* Show `view`'s colours at once, in the page; `report` tells the server, as a step does. */
  Atlas.prototype.setView = function (view, report) {
    if (view === this.state.view || (this.ready && this.viewNames().indexOf(view) < 0)) return;
    this.state.view = view;
    if (!this.ready) return;
    this.labelControls();
    this.render();
    this.announceView();
    if (report) this.report();
  };

  Atlas.prototype.render = function () {
    var day = this.state.date, data = this.data, self = this, style = this.style;
    Object.keys(this.layers).forEach(function (id) {
      var seg = segmentAt(data.islands[id].segments, day), selected = id === self.state.island;
      self.layers[id].setStyle({
        fillColor: self.shownFill(self.shownAt(id, day).index), fillOpacity: 1,
        color: selected ? style.selectedOutline : (seg[3] ? style.disputedOutline : style.outline),
        weight: selected ? 4 : (seg[3] ? 2.5 : 1),
        dashArray: seg[3] ? "6 4" : null
      });
    });
    Object.keys(this.areaLayers).forEach(function (id) {
      self.areaLayers[id].setStyle(self.areaStyle(self.areaShownAt(id, day)));
    });
    this.boundaryLayer.eachLayer(function (layer) {
      var p = layer.feature.properties, on = p.valid_from <= day && (!p.valid_to || day < p.valid_to);
      layer.setStyle({ opacity: on ? 1 : 0 });
    });
    this.slider.value = frameIndex(data.frames, day);
    this.slider.setAttribute("aria-valuetext", day);
    this.dateLabel.textContent = day;
    var shown = this.eventOn(day), setting = this.settingEvent(day);
    this.eventSelect.value = shown.number >= 0 ? String(shown.number) : "";
    this.caption.textContent = setting ? this.eventLabel(setting) : "";
    this.caption.title = this.caption.textContent;
    if (this.presenting) this.renderHeadline(day, shown.event);
    if (this.swipe) this.renderSwipe();
    this.map.getContainer().setAttribute("data-atlas-date", day);
    this.map.getContainer().setAttribute("data-atlas-view", this.state.view);
  };

  /* A shaded region: nothing over the land where the view shows no state. */
  Atlas.prototype.areaStyle = function (shown) {
    return { fillColor: this.shownFill(shown.index), fillOpacity: shown.index === -1 ? 0 : AREA_OPACITY };
  };

  Atlas.prototype.play = function () {
    var self = this, frames = this.data.frames;
    if (frameIndex(frames, this.state.date) >= frames.length - 1) this.setDate(frames[0]);
    this.playing = setInterval(function () {
      var next = frameIndex(frames, self.state.date) + 1;
      if (next >= frames.length) { self.pause(true); return; }
      self.setDate(frames[next]);
    }, 1000 / this.speed);
    this.labelControls();
  };

  Atlas.prototype.pause = function (report) {
    if (!this.playing) return;
    clearInterval(this.playing);
    this.playing = null;
    this.labelControls();
    this.announce();
    if (report) this.report();
  };

  Atlas.prototype.stepEvent = function (direction) {
    this.pause(false);
    var days = this.data.events.map(function (e) { return e.date; }), day = this.state.date, target = null;
    for (var i = 0; i < days.length; i++) {
      if (direction > 0 && days[i] > day) { target = days[i]; break; }
      if (direction < 0 && days[i] < day) target = days[i];
    }
    if (target) { this.setDate(target); this.announce(); this.report(400); }
  };

  Atlas.prototype.select = function (island, report) {
    this.state.island = island;
    if (this.ready) this.render();
    if (report) this.report();
  };

  /* Tell the server the date and island; `delay` gathers quick steps into one message. */
  Atlas.prototype.report = function (delay) {
    var self = this;
    if (!this.options.report || !window.Streamlit) return;
    var message = {};
    clearTimeout(this.reportTimer);
    // Until the server has answered this report, a sync carrying an older date must not move
    // the map back (a second quick step would otherwise be lost).
    this.awaiting = { date: null, until: Date.now() + AWAIT_MS };
    this.reportTimer = setTimeout(function () {
      self.awaiting = { date: self.state.date, view: self.state.view, until: Date.now() + AWAIT_MS };
      // The message's form is geo/message.py's MapReport: its fields and key, as the options name them.
      var values = { date: self.state.date, island: self.state.island, seq: Date.now(), view: self.state.view }, report = {};
      self.options.reportFields.forEach(function (name) { report[name] = values[name]; });
      message[self.options.report] = report;
      window.Streamlit.setComponentValue(message);
    }, delay || 0);
  };

  /* Whether the date and view the server sent should move the map: not while a report of the
   * map's own is unanswered, unless this is the answer. */
  Atlas.prototype.acceptsServer = function (state) {
    var awaiting = this.awaiting;
    if (!awaiting || Date.now() > awaiting.until) { this.awaiting = null; return true; }
    if (awaiting.date === state.date && (!state.view || awaiting.view === state.view)) { this.awaiting = null; return true; }
    return false;
  };

  /* The server's state after a rerun; the date is ignored while playing so that Play runs on.
   * Optional: `focus` {key, islands} flies to those islands once per key. */
  Atlas.prototype.sync = function (state) {
    var relabel = state.lang && state.lang !== this.state.lang, accepted = !this.playing && this.acceptsServer(state);
    var viewed = state.view && accepted && state.view !== this.state.view;
    if (state.lang) this.state.lang = state.lang;
    if (state.island !== undefined) this.state.island = state.island;
    if (state.date && accepted) this.state.date = state.date;
    if (viewed) { this.state.view = state.view; relabel = true; }
    if (state.focus) this.pendingFocus = state.focus;
    if (state.swipe !== undefined) { this.pendingSwipe = state.swipe; this.pendingSwipeView = state.swipeView || ""; }
    if (state.timeline !== undefined) this.pendingTimeline = state.timeline;
    if (state.reportDrawn) this.drawnReportWanted = true;
    if (!this.ready) return;
    this.reportDrawn();
    if (this.useTimeline()) relabel = true;
    if (relabel) { this.labelControls(); this.listEvents(); }
    this.render();
    this.announce(relabel);
    if (viewed) this.announceView();
    this.applyFocus();
    this.applySwipe();
  };

  /* Once drawn, tell the server so when it asked (`reportDrawn` in a sync): the map page adds
   * its sidebar's widgets only then, so that drawing them does not hold the map back. */
  Atlas.prototype.reportDrawn = function () {
    if (!this.drawnReportWanted) return;
    this.drawnReportWanted = false;
    this.report();
  };

  /* A session's own uploaded history replaces the shared replay table (null brings it back).
   * Returns whether the table changed. */
  Atlas.prototype.useTimeline = function () {
    var wanted = this.pendingTimeline;
    if (wanted === undefined) return false;
    this.pendingTimeline = undefined;
    var next = wanted || this.sharedData;
    if (next === this.data) return false;
    this.data = next;
    this.slider.max = next.frames.length - 1;
    return true;
  };

  Atlas.prototype.applyFocus = function () {
    var focus = this.pendingFocus, self = this, bounds = null;
    if (!focus || focus.key === this.focusKey) return;
    this.focusKey = focus.key;
    (focus.islands || []).forEach(function (id) {
      var layer = self.layers[id];
      if (!layer) return;
      bounds = bounds ? bounds.extend(layer.getBounds()) : L.latLngBounds(layer.getBounds().getSouthWest(), layer.getBounds().getNorthEast());
    });
    if (bounds) this.map.flyToBounds(bounds, { paddingTopLeft: [30, 30], paddingBottomRight: [30, 130], maxZoom: 10, duration: 1.2 });
  };

  /* The date in words, in the map's language ("1 September 1945"). */
  Atlas.prototype.longDate = function (day) {
    var parts = day.split("-");
    try {
      return new Intl.DateTimeFormat(this.state.lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" })
        .format(new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2])));
    } catch (error) { return day; }
  };

  Atlas.prototype.islandName = function (id) {
    var names = this.data.islands[id].names;
    return names[this.state.lang] || names.en;
  };

  Atlas.prototype.stateLabel = function (number) {
    return number >= 0 ? this.t("state_" + this.data.states[number]) : this.t("state_none");
  };

  /* What changed between `before` and `day`, in words, grouped by the new administering state:
   * "Kunashir, now administered by the Soviet Union"; "14 islands, now administered by ...";
   * in a side's view, by what that view shows: "Urup, now shown as undetermined". */
  Atlas.prototype.changeText = function (before, day) {
    var self = this, byState = {}, order = [], side = this.state.view !== ADMINISTERED;
    if (!before || before === day) return "";
    Object.keys(this.data.islands).forEach(function (id) {
      var then = self.shownAt(id, before).index, now = self.shownAt(id, day).index;
      if (then === now) return;
      if (!byState[now]) { byState[now] = []; order.push(now); }
      byState[now].push(self.islandName(id));
    });
    if (!order.length) return this.t("announce_no_change");
    return order.map(function (state) {
      var names = byState[state];
      var islands = names.length <= 3 ? names.join(", ") : self.t("announce_many").replace("{count}", String(names.length));
      return self.t(side ? "announce_island_shown" : "announce_island").replace("{island}", islands)
        .replace("{state}", self.shownLabel({ index: +state }));
    }).join("; ");
  };

  /* Say in the live region what the settled date changed, and refresh the status table; not
   * for every frame of Play, only where the date comes to rest. `force` speaks even when the
   * date is the one last spoken (a new language or history). */
  Atlas.prototype.announce = function (force) {
    var day = this.state.date;
    if (!this.ready || (!force && day === this.announced)) return;
    var change = this.changeText(this.announced, day);
    this.announced = day;
    this.announcer.textContent = this.longDate(day) + (change ? ": " + change : "");
    this.lastChange = change;
    this.fillStatusTable(day);
    if (this.presenting) this.renderHeadline(day, this.eventOn(day).event);
  };

  /* Say which view the map now shows and on what it rests, and refresh the table. */
  Atlas.prototype.announceView = function () {
    if (!this.ready) return;
    this.announcer.textContent = this.t("view_" + this.state.view) + ": " + this.t("view_caption_" + this.state.view);
    this.fillStatusTable(this.state.date);
  };

  /* Every island's status on `day`; in a side's view, a column for what that view shows. */
  Atlas.prototype.fillStatusTable = function (day) {
    var table = this.statusTable, self = this, head = element("tr"), view = this.state.view, side = view !== ADMINISTERED;
    var columns = ["island", "held_by", "claimed_by"].map(function (key) { return self.t(key); });
    table.textContent = "";
    table.appendChild(element("caption", null, this.t("status_table") + " " + this.longDate(day)
      + (side ? " · " + this.t("view_" + view) : "")));
    if (side) columns.push(this.t("view_" + view));
    columns.forEach(function (label) { head.appendChild(element("th", null, label)).scope = "col"; });
    table.appendChild(head);
    Object.keys(this.data.islands).forEach(function (id) {
      var seg = segmentAt(self.data.islands[id].segments, day), row = element("tr");
      row.appendChild(element("th", null, self.islandName(id))).scope = "row";
      row.appendChild(element("td", null, self.stateLabel(seg[1])));
      row.appendChild(element("td", null, seg[2].map(function (n) { return self.stateLabel(n); }).join(", ") || "—"));
      if (side) {
        var shown = self.shownAt(id, day);
        row.appendChild(element("td", null, self.shownLabel(shown) + (shown.unclear ? " (" + self.t("view_unclear_short") + ")" : "")));
      }
      table.appendChild(row);
    });
  };

  Atlas.prototype.renderHeadline = function (day, event) {
    this.headlineDate.textContent = this.longDate(day);
    this.headlineTitle.textContent = event ? (event.title[this.state.lang] || event.title.en) : "";
    this.headlineChange.textContent = this.announced === day ? this.lastChange || "" : "";
  };

  /* Present mode: the map fills the screen (the browser's full screen where it allows it, and
   * the whole window where it does not), with the headline, the legend open and larger controls. */
  Atlas.prototype.present = function (on) {
    var self = this, frame = null, root = document.documentElement;
    if (on === this.presenting) return;
    this.presenting = on;
    try { frame = window.frameElement; } catch (error) { frame = null; }
    root.classList.toggle("atlas-presenting", on);
    if (frame) {
      ["position:fixed", "inset:0", "width:100vw", "height:100vh", "z-index:1000000", "background:#fff"].forEach(function (rule) {
        var pair = rule.split(":");
        if (on) frame.style.setProperty(pair[0], pair[1], "important"); else frame.style.removeProperty(pair[0]);
      });
    }
    var target = frame || root, owner = target.ownerDocument;
    if (on) {
      this.legendWasOpen = this.legend.open;
      this.legend.open = true;
      this.renderHeadline(this.state.date, this.eventOn(this.state.date).event);
      if (target.requestFullscreen && !owner.fullscreenElement) {
        target.requestFullscreen().catch(function () { /* refused: the whole window is the presenting layout */ });
      }
      this.onFullscreenChange = function () { if (!owner.fullscreenElement && self.presenting && self.wasFullscreen) self.present(false); self.wasFullscreen = !!owner.fullscreenElement; };
      owner.addEventListener("fullscreenchange", this.onFullscreenChange);
    } else {
      this.legend.open = this.legendWasOpen;
      owner.removeEventListener("fullscreenchange", this.onFullscreenChange);
      this.wasFullscreen = false;
      if (owner.fullscreenElement && owner.exitFullscreen) owner.exitFullscreen().catch(function () {});
    }
    this.labelControls();
    setTimeout(function () { self.map.invalidateSize(); }, 50);
    this.map.getContainer().focus();
  };

  /* Keys: F enters or leaves Present mode; while presenting, Space plays and pauses, the left
   * and right arrows step to the previous and next event, and Esc leaves. A map alone on its
   * page also takes F from the page around it. */
  Atlas.prototype.listenForKeys = function () {
    var self = this;
    function typing(event) {
      var target = event.target, tag = target && target.tagName;
      return tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || (target && target.isContentEditable);
    }
    function onKey(event) {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event)) return;
      var key = event.key;
      if (key === "f" || key === "F") { self.present(!self.presenting); event.preventDefault(); return; }
      if (!self.presenting) return;
      if (key === "Escape") self.present(false);
      else if (key === " " || key === "Spacebar") { if (self.playing) self.pause(true); else self.play(); }
      else if (key === "ArrowRight") self.stepEvent(1);
      else if (key === "ArrowLeft") self.stepEvent(-1);
      else return;
      event.preventDefault();
      event.stopPropagation();
    }
    document.addEventListener("keydown", onKey, true);
    if (this.options.viewGroup || window.parent === window) return;
    var page;
    try { page = window.parent.document; } catch (error) { return; } // another origin: the map's own keys only
    function onPageKey(event) {
      var frame = window.frameElement;
      if (!frame || !frame.isConnected) { page.removeEventListener("keydown", onPageKey, true); return; }
      if (event.key === "f" || event.key === "F" || (event.key === "Escape" && self.presenting)) onKey(event);
    }
    page.addEventListener("keydown", onPageKey, true);
  };

  /* Swipe: a second date, or the same date in another view, drawn over the map right of a
   * divider that can be dragged (mouse or touch) or moved with the arrow keys; the map's own date
   * and view show left of it. `pendingSwipe` is that second date, or "" for none, and
   * `pendingSwipeView` its view ("": the map's own). */
  Atlas.prototype.applySwipe = function () {
    var day = this.pendingSwipe, self = this, map = this.map;
    if (day === undefined || !this.ready) return;
    this.pendingSwipe = undefined;
    if (!day) {
      if (this.swipe) { map.removeLayer(this.swipe.layer); this.swipe.box.remove(); map.off("move zoom zoomend resize viewreset", this.clipSwipe, this); this.swipe = null; }
      map.getContainer().classList.remove("atlas-swiping");
      return;
    }
    if (!this.swipe) {
      if (!map.getPane("atlasSwipe")) map.createPane("atlasSwipe").style.zIndex = 430;
      var swipe = this.swipe = { layers: {}, areaLayers: {}, ratio: 0.5 };
      // The shaded regions: plain land under the right side's shading, so the left's does not show through.
      swipe.layer = L.layerGroup([
        L.geoJSON(this.areaShapes, { pane: "atlasSwipe", interactive: false,
          style: { stroke: false, fillColor: this.style.land, fillOpacity: 1 } }),
        L.geoJSON(this.areaShapes, { pane: "atlasSwipe", interactive: false, style: { stroke: false },
          onEachFeature: function (feature, layer) { swipe.areaLayers[feature.properties.id] = layer; } }),
        L.geoJSON(this.islandShapes, { pane: "atlasSwipe", interactive: false,
          onEachFeature: function (feature, layer) { swipe.layers[feature.properties.id] = layer; } })
      ]).addTo(map);
      swipe.box = element("div", "atlas-swipe");
      swipe.line = swipe.box.appendChild(element("div", "atlas-swipe-line"));
      swipe.left = swipe.box.appendChild(element("div", "atlas-panel atlas-swipe-label atlas-swipe-left"));
      swipe.right = swipe.box.appendChild(element("div", "atlas-panel atlas-swipe-label atlas-swipe-right"));
      swipe.range = swipe.box.appendChild(element("input", "atlas-swipe-range"));
      swipe.range.type = "range"; swipe.range.min = 0; swipe.range.max = 1000; swipe.range.step = 10; swipe.range.value = 500;
      ["mousedown", "touchstart", "pointerdown", "dblclick", "wheel"].forEach(function (name) {
        L.DomEvent.on(swipe.range, name, L.DomEvent.stopPropagation);
      });
      swipe.range.addEventListener("input", function () { swipe.ratio = swipe.range.value / 1000; self.clipSwipe(); });
      map.getContainer().appendChild(swipe.box);
      map.on("move zoom zoomend resize viewreset", this.clipSwipe, this);
    }
    map.getContainer().classList.add("atlas-swiping");
    this.swipe.day = day;
    this.swipe.view = this.pendingSwipeView || "";
    this.renderSwipe();
    this.clipSwipe();
  };

  Atlas.prototype.renderSwipe = function () {
    var swipe = this.swipe, self = this, style = this.style, view = swipe.view || this.state.view;
    Object.keys(swipe.layers).forEach(function (id) {
      var seg = segmentAt(self.data.islands[id].segments, swipe.day);
      swipe.layers[id].setStyle({
        fillColor: self.shownFill(self.shownAt(id, swipe.day, view).index), fillOpacity: 1, weight: seg[3] ? 2.5 : 1,
        color: seg[3] ? style.disputedOutline : style.outline, dashArray: seg[3] ? "6 4" : null
      });
    });
    Object.keys(swipe.areaLayers).forEach(function (id) {
      swipe.areaLayers[id].setStyle(self.areaStyle(self.areaShownAt(id, swipe.day, view)));
    });
    // Each side's label names its date, and its view where the two views differ.
    var left = [this.state.date], right = [swipe.day];
    if (view !== this.state.view) { left.push(this.t("view_" + this.state.view)); right.push(this.t("view_" + view)); }
    swipe.left.textContent = "← " + left.join(" · ");
    swipe.right.textContent = right.join(" · ") + " →";
    swipe.range.setAttribute("aria-label", this.t("swipe_divider"));
    swipe.range.setAttribute("aria-valuetext", Math.round(swipe.ratio * 100) + " %");
  };

  /* Show the second date only right of the divider. */
  Atlas.prototype.clipSwipe = function () {
    var swipe = this.swipe, map = this.map;
    if (!swipe) return;
    var size = map.getSize(), thumb = 48, x = Math.round(thumb / 2 + (size.x - thumb) * swipe.ratio); // under the handle
    var nw = map.containerPointToLayerPoint([0, 0]), se = map.containerPointToLayerPoint(size);
    map.getPane("atlasSwipe").style.clip = "rect(" + [nw.y, se.x, se.y, nw.x + x].join("px,") + "px)";
    swipe.line.style.left = x + "px";
    swipe.range.setAttribute("aria-valuetext", Math.round(swipe.ratio * 100) + " %");
    this.map.getContainer().setAttribute("data-atlas-swipe", String(Math.round(swipe.ratio * 1000)));
  };

  /* Maps given the same `viewGroup` on one page (each in its own same-origin frame) follow each
   * other's pan and zoom, for comparing two dates side by side. The map that loads last starts
   * at its peers' view. */
  Atlas.prototype.linkViews = function () {
    var self = this;
    if (!this.options.viewGroup) return;
    this.map.on("moveend", function () { self.peers().forEach(function (peer) { self.showOn(peer); }); });
    var first = this.peers()[0];
    if (first && first.ready) first.showOn(this);
  };

  /* The other atlas maps of this map's view group on the page. */
  Atlas.prototype.peers = function () {
    var group = this.options.viewGroup, found = [], frames;
    try { frames = window.parent.document.querySelectorAll("iframe"); } catch (error) { return found; }
    Array.prototype.forEach.call(frames, function (frame) {
      var peer;
      try { peer = frame.contentWindow !== window && frame.contentWindow.KurilAtlas && frame.contentWindow.KurilAtlas.current(); } catch (error) { return; }
      if (peer && peer.options.viewGroup === group) found.push(peer);
    });
    return found;
  };

  /* Give `peer` this map's view; a peer already showing it is left alone, which ends the echo. */
  Atlas.prototype.showOn = function (peer) {
    var center = this.map.getCenter(), zoom = this.map.getZoom(), theirs = peer.map.getCenter();
    if (peer.map.getZoom() === zoom && Math.abs(theirs.lat - center.lat) < 1e-6 && Math.abs(theirs.lng - center.lng) < 1e-6) return;
    peer.fitting = true; // the peer has been moved only as far as this map has
    peer.moved = this.moved;
    peer.map.setView(center, zoom, { animate: false });
    peer.fitting = false;
  };

  var current = null, pending = null;
  window.KurilAtlas = {
    attach: function (map, options) {
      current = new Atlas(map, options);
      if (pending) { current.sync(pending); pending = null; }
      current.load().then(function () { if (pending) { current.sync(pending); pending = null; } });
      return current;
    },
    sync: function (state) { if (current) current.sync(state); else pending = state; },
    current: function () { return current; }
  };
})();
