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

  // The home page's search combobox (ARIA 1.2 combobox with a listbox popup). htmx fills the
  // listbox as the person types; this adds the keyboard: Down/Up move through the options,
  // Enter opens the chosen one (or submits the form when none is chosen), Escape closes the
  // list (a second Escape clears the field), and a click opens an option.
  function setUpCombobox(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) return;
    var active = -1;

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll('[role="option"]'));
    }
    function choose(index) {
      var all = options();
      active = index;
      all.forEach(function (option, n) {
        option.setAttribute("aria-selected", n === index ? "true" : "false");
      });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function show(open) {
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) choose(-1);
    }

    // htmx announces the swap on the list it filled (its target); listen there.
    list.addEventListener("htmx:afterSwap", function () {
      choose(-1);
      show(options().length > 0 && input.value.trim() !== "" && document.activeElement === input);
    });
    input.addEventListener("input", function () {
      if (input.value.trim() === "") show(false);
    });
    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) return;
        event.preventDefault();
        if (list.hidden) show(true);
        var step = event.key === "ArrowDown" ? 1 : -1;
        choose(active < 0 && step < 0 ? all.length - 1 : (active + step + all.length) % all.length);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0 && all[active]) {
          event.preventDefault();
          window.location.assign(all[active].dataset.href);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          show(false);
        }
      }
    });
    input.addEventListener("blur", function () { show(false); });
    // Keep the focus in the field while an option is clicked.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) window.location.assign(option.dataset.href);
    });
  }

  // The address to share: the page's canonical URL (data-share-base, which already carries the
  // panel tab the page was opened on), the tab chosen since (htmx pushes ?kind= into the
  // address bar) and the section being read. No other parameter is ever copied, so tracking
  // parameters in the address bar are never passed on.
  function currentShareUrl(box, sectionId) {
    var base = box.dataset.shareBase.split("#")[0].split("?")[0];
    var kind = new URLSearchParams(window.location.search).get("kind");
    var url = base + (kind && kind !== "all" && /^[a-z]+$/.test(kind) ? "?kind=" + kind : "");
    return sectionId ? url + "#" + sectionId : url;
  }

  function retarget(box, url) {
    var old = box.dataset.sharedUrl || box.dataset.shareBase;
    if (old === url) return;
    var from = encodeURIComponent(old), to = encodeURIComponent(url);
    box.querySelectorAll("[data-share-link]").forEach(function (link) {
      link.href = link.href.split(from).join(to);
    });
    var input = box.querySelector(".share__url");
    if (input) input.value = url;
    box.querySelectorAll("[data-share-url]").forEach(function (button) {
      button.dataset.shareUrl = url;
    });
    box.dataset.sharedUrl = url;
  }

  // The section being read: the one that has stayed at a line 30% down the window for a second
  // (so sections merely scrolled past, or jumped over, don't count; sticky side panels never
  // do). Reaching the share box keeps what was read before it; back at the top, nothing is.
  function followReading(box) {
    var sections = Array.prototype.slice.call(document.querySelectorAll("main .section[id]"))
      .filter(function (section) {
        return section !== box && window.getComputedStyle(section).position !== "sticky";
      });
    var reading = window.location.hash.slice(1);
    if (reading === box.id) reading = "";
    var pending = false, timer = null;
    function update() { retarget(box, currentShareUrl(box, reading)); }
    function measure() {
      pending = false;
      window.clearTimeout(timer);
      if (window.scrollY < 50) { reading = ""; update(); return; }
      var line = window.innerHeight * 0.3;
      if (box.getBoundingClientRect().top <= line) return;
      var candidate = "";
      sections.forEach(function (section) {
        if (section.getBoundingClientRect().top <= line) candidate = section.id;
      });
      if (!candidate || candidate === reading) return;
      timer = window.setTimeout(function () { reading = candidate; update(); }, 1000);
    }
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; window.requestAnimationFrame(measure); }
    }, { passive: true });
    window.addEventListener("hashchange", function () {
      var target = window.location.hash.slice(1);
      if (target !== box.id) { reading = target; update(); }
    });
    document.body.addEventListener("htmx:pushedIntoHistory", update);
    update();
  }

  function setUpPrint(root) {
    root.querySelectorAll("[data-print]").forEach(function (button) {
      if (typeof window.print !== "function") return;
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // The print footer's date is the day the page is printed, not the day it was cached.
  function stampPrintDate() {
    var stamp = document.querySelector("[data-print-date]");
    if (!stamp) return;
    var now = new Date();
    stamp.dateTime = now.toISOString().slice(0, 10);
    stamp.textContent = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "long" }).format(now);
  }

  // After htmx swaps the interview-questions panel, keyboard focus goes to the new content
  // (the swap replaced the link that had it): the first question "show more" added, or the
  // heading of the list a tab chose. The server marks which with data-panel-focus (and
  // tabindex="-1"); a full page load leaves focus where the browser puts it.
  function focusSwappedPanel(event) {
    var panel = event.target;
    if (!panel || panel.id !== "interview-questions") return;
    var target = panel.querySelector("[data-panel-focus]");
    if (target) target.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.body.addEventListener("htmx:afterSettle", focusSwappedPanel);
    setUpShare(document);
    setUpPrint(document);
    stampPrintDate();
    window.addEventListener("beforeprint", stampPrintDate);
    document.querySelectorAll("[data-share-base]").forEach(followReading);
    document.querySelectorAll("[data-combobox]").forEach(setUpCombobox);
  });
})();
