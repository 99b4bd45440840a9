/* NexusHR admin: a role form an editor can work in all day.
 *
 * Progressive enhancement of Django's change form, loaded by nexushr.admin_forms.EditorAdminMixin.
 * Without JavaScript the form is the plain Django admin form: every field and every inline
 * item visible, order numbers editable. With it:
 *  - translated fields (django-modeltranslation's "mt-field-<name>-<lang>" inputs) become
 *    language tabs, the admin's language first; a tab is marked when that language is empty,
 *    and choosing a language switches every field to it (remembered for the session);
 *  - inline items collapse to one line (their text) and expand on demand; items with errors
 *    and new items stay open;
 *  - ordered inlines get "move up/down" buttons and drag and drop, which renumber the items'
 *    "order" inputs (still the fallback without JavaScript).
 * No inline styles or scripts: works under the site's strict Content-Security-Policy.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "nexushr.admin.language";
  var MT_CLASS = /(?:^|\s)mt-field-(\S+)-([a-z]{2}(?:_[a-z]{2})?)(?:\s|$)/;
  var config = null; // read once the document is parsed (this script loads in <head>)

  function readConfig() {
    var node = document.getElementById("editor-config");
    var fallback = { languages: [], labels: {}, missing: "missing", expand: "Edit",
      collapse: "Close", moveUp: "Move up", moveDown: "Move down", drag: "Drag to reorder",
      hasErrors: "has errors", languageTabs: "Languages" };
    if (!node) { return fallback; }
    try { return Object.assign(fallback, JSON.parse(node.textContent)); }
    catch (error) { return fallback; }
  }

  /* ---------- language tabs ---------- */

  function orderedLanguages(present) {
    var adminLanguage = (document.documentElement.lang || "en").toLowerCase().replace("-", "_");
    var order = config.languages.length ? config.languages.slice() : present.slice();
    present.forEach(function (lang) { if (order.indexOf(lang) < 0) { order.push(lang); } });
    var first = order.filter(function (lang) { return adminLanguage.indexOf(lang) === 0 ||
      lang.indexOf(adminLanguage) === 0; })[0];
    if (first) { order.splice(order.indexOf(first), 1); order.unshift(first); }
    return order.filter(function (lang) { return present.indexOf(lang) >= 0; });
  }

  function fieldContainer(input) {
    // A field shown on a line of its own is a ".form-row"; several on one line are ".fieldBox".
    return input.closest(".fieldBox") || input.closest(".form-row");
  }

  function isEmpty(input) {
    return !(input.value || "").trim();
  }

  function collectGroups(root) {
    var groups = {};
    var order = [];
    root.querySelectorAll("input.mt, textarea.mt, select.mt").forEach(function (input) {
      if (input.closest(".empty-form") || input.dataset.editorTabbed) { return; }
      var match = MT_CLASS.exec(input.className);
      if (!match || !input.id) { return; }
      var lang = match[2];
      var key = input.id.slice(0, input.id.length - lang.length - 1);
      if (!groups[key]) { groups[key] = {}; order.push(key); }
      groups[key][lang] = input;
    });
    return order.map(function (key) { return { key: key, inputs: groups[key] }; });
  }

  var tabSets = [];

  function buildTabs(group) {
    var langs = orderedLanguages(Object.keys(group.inputs));
    if (langs.length < 2) { return; }
    var containers = {};
    langs.forEach(function (lang) { containers[lang] = fieldContainer(group.inputs[lang]); });
    var first = containers[langs[0]];
    if (!first) { return; }
    var list = document.createElement("div");
    list.className = "mt-tablist";
    list.setAttribute("role", "tablist");
    var label = first.querySelector("label");
    list.setAttribute("aria-label", (label ? label.textContent.replace(/\[.*\]|:/g, "").trim() + " — " : "") +
      config.languageTabs);
    var set = { key: group.key, langs: langs, tabs: {}, containers: containers, inputs: group.inputs };
    langs.forEach(function (lang, index) {
      var container = containers[lang];
      var input = group.inputs[lang];
      input.dataset.editorTabbed = "1";
      container.classList.add("mt-tabpanel");
      container.setAttribute("role", "tabpanel");
      if (!container.id) { container.id = group.key + "-" + lang + "-panel"; }
      var tab = document.createElement("button");
      tab.type = "button";
      tab.className = "mt-tab";
      tab.id = group.key + "-" + lang + "-tab";
      tab.dataset.lang = lang;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", container.id);
      container.setAttribute("aria-labelledby", tab.id);
      var name = document.createElement("span");
      name.textContent = config.labels[lang] || lang;
      var mark = document.createElement("span");
      mark.className = "mt-tab-mark";
      tab.appendChild(name);
      tab.appendChild(mark);
      tab.addEventListener("click", function () { selectLanguage(lang, true); });
      tab.addEventListener("keydown", function (event) { onTabKey(event, set, index); });
      input.addEventListener("input", function () { updateMark(set, lang); });
      list.appendChild(tab);
      set.tabs[lang] = tab;
      updateMark(set, lang);
    });
    first.parentNode.insertBefore(list, first);
    // Keep the tab panels together right after their tab list.
    var anchor = list;
    langs.forEach(function (lang) {
      var container = containers[lang];
      if (anchor.nextSibling !== container) { anchor.parentNode.insertBefore(container, anchor.nextSibling); }
      anchor = container;
    });
    tabSets.push(set);
    return set;
  }

  function hasErrors(container) {
    return !!(container.querySelector(".errorlist") || container.classList.contains("errors"));
  }

  function updateMark(set, lang) {
    var tab = set.tabs[lang];
    var mark = tab.querySelector(".mt-tab-mark");
    var notes = [];
    if (isEmpty(set.inputs[lang])) { notes.push(config.missing); }
    if (hasErrors(set.containers[lang])) { notes.push(config.hasErrors); }
    tab.classList.toggle("is-missing", isEmpty(set.inputs[lang]));
    tab.classList.toggle("has-errors", hasErrors(set.containers[lang]));
    mark.textContent = notes.length ? " (" + notes.join(", ") + ")" : "";
  }

  function showLanguage(set, lang) {
    if (!set.tabs[lang]) { lang = set.langs[0]; }
    set.langs.forEach(function (other) {
      var active = other === lang;
      set.tabs[other].setAttribute("aria-selected", active ? "true" : "false");
      set.tabs[other].tabIndex = active ? 0 : -1;
      set.containers[other].hidden = !active;
    });
  }

  function selectLanguage(lang, remember) {
    tabSets.forEach(function (set) { showLanguage(set, lang); });
    if (remember) {
      try { window.sessionStorage.setItem(STORAGE_KEY, lang); } catch (error) { /* private mode */ }
    }
  }

  function onTabKey(event, set, index) {
    var next = null;
    if (event.key === "ArrowRight") { next = (index + 1) % set.langs.length; }
    else if (event.key === "ArrowLeft") { next = (index - 1 + set.langs.length) % set.langs.length; }
    else if (event.key === "Home") { next = 0; }
    else if (event.key === "End") { next = set.langs.length - 1; }
    if (next === null) { return; }
    event.preventDefault();
    var lang = set.langs[next];
    selectLanguage(lang, true);
    set.tabs[lang].focus();
  }

  function initialLanguage(sets) {
    var stored = null;
    try { stored = window.sessionStorage.getItem(STORAGE_KEY); } catch (error) { stored = null; }
    return stored || (sets[0] && sets[0].langs[0]);
  }

  function enhanceTabs(root) {
    var created = collectGroups(root).map(buildTabs).filter(Boolean);
    if (!created.length) { return; }
    var lang = initialLanguage(tabSets);
    created.forEach(function (set) {
      showLanguage(set, lang);
      // A field whose error is in a hidden language opens on that language.
      set.langs.forEach(function (other) {
        if (hasErrors(set.containers[other]) && !hasErrors(set.containers[lang] || document.body)) {
          showLanguage(set, other);
        }
      });
    });
  }

  /* ---------- collapsed, reorderable inline items ---------- */

  function orderInput(item) {
    return item.querySelector("input[name$='-order']");
  }

  function itemsOf(group) {
    // Stacked inlines: one ".inline-related" per item; tabular ones: one "tr.form-row" per item.
    var tabular = group.getAttribute("data-inline-type") === "tabular";
    var nodes = group.querySelectorAll(tabular ? "tr.form-row" : ".inline-related");
    return Array.prototype.filter.call(nodes, function (item) {
      return !item.classList.contains("empty-form") && item.id && !/__prefix__/.test(item.id) &&
        !/-empty$/.test(item.id) && (tabular || item.parentNode.closest(".inline-related") === null);
    });
  }

  function renumber(group) {
    itemsOf(group).forEach(function (item, index) {
      var input = orderInput(item);
      if (input) { input.value = String(index + 1); }
    });
  }

  function placeLast(group, row) {
    // A new item goes to the end: one more than the highest order so far.
    var input = orderInput(row);
    if (!input) { return; }
    var highest = 0;
    itemsOf(group).forEach(function (item) {
      var other = orderInput(item);
      if (item !== row && other && parseInt(other.value, 10) > highest) { highest = parseInt(other.value, 10); }
    });
    input.value = String(highest + 1);
  }

  function move(item, direction) {
    var group = item.closest(".inline-group");
    var items = itemsOf(group);
    var index = items.indexOf(item);
    var target = items[index + direction];
    if (!target) { return; }
    if (direction < 0) { target.parentNode.insertBefore(item, target); }
    else { target.parentNode.insertBefore(item, target.nextSibling); }
    renumber(group);
    announce(item);
  }

  function announce(item) {
    var group = item.closest(".inline-group");
    var live = group.querySelector(".inline-live");
    var position = itemsOf(group).indexOf(item) + 1;
    if (live) { live.textContent = itemLabel(item) + " → " + position; }
  }

  function itemLabel(item) {
    if (item.tagName === "TR") {
      var select = item.querySelector("select");
      if (select && select.selectedOptions.length) { return select.selectedOptions[0].textContent.trim(); }
    }
    var label = item.querySelector(".inline_label");
    var text = label ? label.textContent.trim() : "";
    if (!text || /^#\d+$/.test(text)) {
      var first = item.querySelector("textarea.mt-default, input.mt-default, textarea, input[type=text]");
      text = first ? first.value.trim() : text;
    }
    return text.length > 140 ? text.slice(0, 137) + "…" : text;
  }

  function setExpanded(item, expanded) {
    var toggle = item.querySelector(":scope > h3 .inline-toggle");
    item.classList.toggle("is-collapsed", !expanded);
    if (toggle) {
      toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
      toggle.textContent = expanded ? config.collapse : config.expand;
    }
    item.querySelectorAll(":scope > fieldset, :scope > .inline-body").forEach(function (node) {
      node.hidden = !expanded;
    });
  }

  function button(className, text, label) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = className;
    node.textContent = text;
    if (label) { node.setAttribute("aria-label", label); node.title = label; }
    return node;
  }

  function labelCells(row) {
    // Django's tabular inlines name their columns only in the table header: give each input
    // of the row its column's name and the item's, so assistive technology can tell them apart.
    var table = row.closest("table");
    var headers = table ? table.querySelectorAll("thead th") : [];
    var item = itemLabel(row);
    Array.prototype.forEach.call(row.children, function (cell, index) {
      var header = headers[index];
      var name = header ? header.textContent.replace(/\s+/g, " ").trim() : "";
      if (!name) { return; }
      cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (input) {
        if (input.labels && input.labels.length) { return; }
        input.setAttribute("aria-label", item ? name + " — " + item : name);
      });
    });
  }

  var dragged = null;

  function enhanceItem(item) {
    if (item.dataset.editorItem) { return; }
    item.dataset.editorItem = "1";
    var tabular = item.tagName === "TR";
    // A tabular row is already one line: it only gets the reordering tools, in its first cell.
    var header = tabular ? item.querySelector("td.original") : item.querySelector(":scope > h3");
    if (!header) { return; }
    var label = header.querySelector(".inline_label");
    if (label && /^#\d+$/.test(label.textContent.trim())) { label.textContent = itemLabel(item) || label.textContent; }
    var tools = document.createElement("span");
    tools.className = "inline-tools";
    if (!tabular) {
      var toggle = button("inline-toggle", config.expand);
      var body = item.querySelector(":scope > fieldset");
      if (body) {
        if (!body.id) { body.id = item.id + "-body"; }
        toggle.setAttribute("aria-controls", body.id);
      }
      toggle.addEventListener("click", function () {
        setExpanded(item, item.classList.contains("is-collapsed"));
      });
      tools.appendChild(toggle);
    }
    if (orderInput(item)) {
      var name = itemLabel(item);
      var up = button("inline-move inline-move-up", "↑", config.moveUp + ": " + name);
      var down = button("inline-move inline-move-down", "↓", config.moveDown + ": " + name);
      up.addEventListener("click", function () { move(item, -1); up.focus(); });
      down.addEventListener("click", function () { move(item, 1); down.focus(); });
      tools.appendChild(up);
      tools.appendChild(down);
      header.draggable = true;
      header.classList.add("is-draggable");
      header.title = config.drag;
      header.addEventListener("dragstart", function (event) {
        dragged = item;
        item.classList.add("is-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.id);
      });
      header.addEventListener("dragend", function () {
        item.classList.remove("is-dragging");
        dragged = null;
      });
      item.addEventListener("dragover", function (event) {
        if (!dragged || dragged === item || dragged.parentNode !== item.parentNode) { return; }
        event.preventDefault();
      });
      item.addEventListener("drop", function (event) {
        if (!dragged || dragged === item || dragged.parentNode !== item.parentNode) { return; }
        event.preventDefault();
        var group = item.closest(".inline-group");
        var items = itemsOf(group);
        if (items.indexOf(dragged) < items.indexOf(item)) {
          item.parentNode.insertBefore(dragged, item.nextSibling);
        } else {
          item.parentNode.insertBefore(dragged, item);
        }
        renumber(group);
        announce(dragged);
      });
    }
    header.appendChild(tools);
    if (tabular) { labelCells(item); return; }
    var keepOpen = !item.classList.contains("has_original") || item.querySelector(".errorlist, .errors");
    setExpanded(item, !!keepOpen);
  }

  function enhanceGroup(group) {
    if (!group.querySelector(".inline-live")) {
      var live = document.createElement("p");
      live.className = "inline-live visually-hidden";
      live.setAttribute("aria-live", "polite");
      group.appendChild(live);
    }
    itemsOf(group).forEach(enhanceItem);
  }

  function labelAutocompletes() {
    // Django's bundled Select2 leaves the search box of a multiple choice without a label, and
    // puts a non-item inside its list: name the box after the field, and drop the list role.
    document.querySelectorAll(".select2-container").forEach(function (container) {
      var select = container.previousElementSibling;
      var label = select && select.id ? document.querySelector("label[for='" + select.id + "']") : null;
      var name = label ? label.textContent.replace(/:$/, "").trim() : "";
      container.querySelectorAll(".select2-search__field").forEach(function (field) {
        if (name && !field.getAttribute("aria-label")) { field.setAttribute("aria-label", name); }
      });
      container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        list.setAttribute("role", "presentation");
      });
    });
  }

  function enhance() {
    config = readConfig();
    // Select2 is set up on jQuery's ready, which may run after this handler.
    window.setTimeout(labelAutocompletes, 0);
    document.addEventListener("focusin", labelAutocompletes);
    enhanceTabs(document);
    document.querySelectorAll("[data-editor-collapsible] .inline-group").forEach(enhanceGroup);
  }

  // Django's inlines.js announces new rows with a "formset:added" event on the row itself.
  document.addEventListener("formset:added", function (event) {
    var row = event.target;
    if (!config) { config = readConfig(); }
    enhanceTabs(row);
    var group = row.closest("[data-editor-collapsible] .inline-group");
    if (group) {
      enhanceItem(row);
      placeLast(group, row);
      if (row.tagName !== "TR") { setExpanded(row, true); }
    }
  });

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", enhance); }
  else { enhance(); }
})();
