// The rating page's script (bot/web/page.py serves it). The page works without it; this adds
// sorting by any column, a live filter through the bot's own search (/api/v1/search), and,
// inside Telegram, the theme's colours and, after the server checks Telegram's signature
// (/api/v1/me), the bodies this user follows and their language. No library, no build step.
"use strict";

(function () {
  const table = document.getElementById("rating");
  const lang = document.documentElement.lang || "ru";

  // Sorting: every column header becomes a button; the first press shows the best first.
  function cellValue(row, index, kind) {
    const cell = row.cells[index];
    if (kind === "text") return cell.textContent.trim();
    const raw = cell.dataset.value;
    return raw === undefined || raw === "" ? null : Number(raw);
  }

  function makeSortable(target) {
    const headers = Array.from(target.tHead.rows[0].cells);
    const collator = new Intl.Collator(lang);
    headers.forEach(function (th, index) {
      const kind = th.dataset.sort;
      if (!kind) return;
      const button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        const now = th.getAttribute("aria-sort");
        const next = now ? (now === "ascending" ? "descending" : "ascending") : th.dataset.first;
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", next);
        const sign = next === "ascending" ? 1 : -1;
        const body = target.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort(function (a, b) {
          const x = cellValue(a, index, kind);
          const y = cellValue(b, index, kind);
          if (x === null || y === null) {  // a row with no value goes last either way
            if (x !== y) return x === null ? 1 : -1;
          } else {
            const order = kind === "text" ? collator.compare(x, y) : x - y;
            if (order !== 0) return sign * order;
          }
          return Number(a.dataset.order || 0) - Number(b.dataset.order || 0);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  // Filtering: the server's search answers; the newest answer wins; the address keeps the text.
  function makeFilterable(target) {
    const input = document.getElementById("filter");
    const status = document.getElementById("filter-status");
    if (!input || !status) return;
    const rows = Array.from(target.tBodies[0].rows);
    let asked = 0;
    let timer = 0;

    function keepInAddress(text) {
      const links = [window.location].concat(Array.from(document.querySelectorAll("nav a, #rating a")));
      links.forEach(function (link) {
        const url = new URL(link.href);
        if (text) url.searchParams.set("q", text); else url.searchParams.delete("q");
        if (link === window.location) window.history.replaceState(null, "", url);
        else link.href = url.pathname + url.search + url.hash;
      });
    }

    async function apply() {
      const text = input.value.trim();
      const ticket = ++asked;
      let found = null;
      if (text) {
        try {
          const answer = await fetch("/api/v1/search?q=" + encodeURIComponent(text));
          if (!answer.ok) return;
          found = new Set((await answer.json()).slugs);
        } catch (error) {
          return;  // offline: the form still works by submitting
        }
      }
      if (ticket !== asked) return;
      let shown = 0;
      rows.forEach(function (row) {
        row.hidden = found !== null && !found.has(row.dataset.slug);
        if (!row.hidden) shown += 1;
      });
      status.textContent = !text ? "" : shown === 0 ? status.dataset.nothing
        : status.dataset.template.replace("{count}", shown).replace("{total}", rows.length);
      keepInAddress(text);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 150);
    });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      apply();
    });
  }

  // Inside Telegram: the client passes its theme and the signed user data in the address's
  // fragment. The theme is only colours; the user data counts only once the server checked it.
  function telegramParams() {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    const data = fragment.get("tgWebAppData");
    if (data) window.sessionStorage.setItem("tgWebAppData", data);
    const theme = fragment.get("tgWebAppThemeParams");
    if (theme) window.sessionStorage.setItem("tgWebAppThemeParams", theme);
    return {
      data: data || window.sessionStorage.getItem("tgWebAppData"),
      theme: theme || window.sessionStorage.getItem("tgWebAppThemeParams"),
    };
  }

  function applyTheme(theme) {
    let colours;
    try {
      colours = JSON.parse(theme);
    } catch (error) {
      return;
    }
    const background = /^#([0-9a-fA-F]{6})$/.exec(String(colours.bg_color || ""));
    if (background) {  // the page's own colours follow Telegram's light or dark, not the system's
      const rgb = parseInt(background[1], 16);
      const luminance = 0.299 * (rgb >> 16) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
      document.documentElement.dataset.theme = luminance < 128 ? "dark" : "light";
    }
    Object.keys(colours).forEach(function (key) {
      const value = String(colours[key]);
      if (/^[a-z_]+$/.test(key) && /^#[0-9a-fA-F]{3,8}$/.test(value)) {
        document.documentElement.style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), value);
      }
    });
  }

  // Tells the Telegram client the page is ready and may take the whole height (its own
  // script would do the same; this page loads nothing from elsewhere).
  function tellTelegram(eventType) {
    const proxy = window.TelegramWebviewProxy;
    if (proxy && proxy.postEvent) proxy.postEvent(eventType, "{}");
    else if (window.parent !== window) {
      window.parent.postMessage(JSON.stringify({eventType: eventType, eventData: {}}), "https://web.telegram.org");
    }
  }

  async function personalize(initData) {
    let me;
    try {
      const answer = await fetch("/api/v1/me", {
        method: "POST", headers: {"Content-Type": "text/plain"}, body: initData,
      });
      if (!answer.ok) return;  // forged, stale or not configured: the public page stays
      me = await answer.json();
    } catch (error) {
      return;
    }
    const params = new URLSearchParams(window.location.search);
    if (!params.has("lang") && me.language && me.language !== lang) {
      params.set("lang", me.language);
      window.location.replace(window.location.pathname + "?" + params.toString() + window.location.hash);
      return;
    }
    if (!table) return;
    const followed = new Set(me.following || []);
    const label = table.dataset.followed;
    Array.from(table.tBodies[0].rows).forEach(function (row) {
      if (!followed.has(row.dataset.slug)) return;
      row.classList.add("followed");
      const name = row.querySelector("th[scope=row]");
      if (name && label) name.setAttribute("title", label);
    });
  }

  if (table) {
    makeSortable(table);
    makeFilterable(table);
  }
  const telegram = telegramParams();
  if (telegram.theme) applyTheme(telegram.theme);
  if (telegram.data) {
    tellTelegram("web_app_ready");
    tellTelegram("web_app_expand");
    personalize(telegram.data);
  }
})();
