// Measures what a reader would see as broken layout on the current page; returns a list of problems.
// Each problem is {kind, text}. Run by tests/e2e/test_layout.py through page.evaluate.
(() => {
  const problems = [];
  const add = (kind, text) => problems.push({ kind, text: String(text).trim().slice(0, 120) });
  const main = document.querySelector("[data-testid='stMain']");
  const block = document.querySelector("[data-testid='stMainBlockContainer']");
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.getClientRects().length > 0;
  };
  const inside = (r, box, slack = 1) =>
    r.left >= box.left - slack && r.right <= box.right + slack && r.top >= box.top - slack && r.bottom <= box.bottom + slack;
  const overlap = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;

  // The page and the main area never scroll sideways; no element sticks out of the main column.
  if (document.documentElement.scrollWidth > window.innerWidth + 1) add("page-overflow", document.documentElement.scrollWidth);
  if (main.scrollWidth > main.clientWidth + 1) add("main-overflow", `${main.scrollWidth} > ${main.clientWidth}`);
  const column = block.getBoundingClientRect();
  for (const el of block.querySelectorAll("[data-testid='stElementContainer']")) {
    const r = el.getBoundingClientRect();
    if (visible(el) && (r.right > column.right + 1 || r.left < column.left - 1)) add("sticks-out", el.innerText || el.className);
  }

  // The sidebar, when there is one, and whether it is open.
  const sidebar = document.querySelector("[data-testid='stSidebar']");
  const sidebarOpen = !!sidebar && sidebar.getAttribute("data-collapsed") !== "true" && sidebar.getBoundingClientRect().right > 0;

  // Text cut short with an ellipsis (labels, buttons, tabs, metrics, navigation) or scrolled inside a field.
  const scope = [main, document.querySelector("header")].filter(Boolean);
  for (const root of scope) {
    for (const el of root.querySelectorAll("*")) {
      if (el.closest("svg, canvas, [data-testid='stDataFrame'], [data-testid='stTooltipContent']")) continue;
      const style = getComputedStyle(el);
      const clips = style.textOverflow === "ellipsis" || (style.whiteSpace === "nowrap" && style.overflowX !== "visible");
      if (!clips || !visible(el) || !el.textContent.trim()) continue;
      if (el.scrollWidth > el.clientWidth + 1) add("text-clipped", el.textContent);
    }
    for (const field of root.querySelectorAll("input[type='text'], input:not([type]), [role='combobox']")) {
      if (field.tagName !== "INPUT" || !visible(field) || !field.value) continue;
      if (field.scrollWidth > field.clientWidth + 1) add("value-clipped", field.value);
    }
  }

  // Words broken across two lines (a column too narrow for its longest word).
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("svg, canvas, code, pre, [data-testid='stDataFrame']")) continue;
    for (const match of node.textContent.matchAll(/[^\s\-–—/]{4,}/g)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = Array.from(range.getClientRects(), (r) => r.top).filter((t) => t !== 0);
      if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 4) add("word-broken", match[0]);
    }
  }

  // Select boxes wide enough to show a choice.
  for (const box of main.querySelectorAll("[data-testid='stSelectbox'], [data-testid='stMultiSelect']")) {
    const r = box.getBoundingClientRect();
    if (visible(box) && r.width < 160) add("select-narrow", `${Math.round(r.width)} px: ${box.innerText}`);
  }

  // Tables show every column without scrolling sideways (reference tables marked "wide" may scroll).
  for (const table of main.querySelectorAll("[data-testid='stDataFrame'], [data-testid='stTable']")) {
    const scroller = table.querySelector(".dvn-scroller") || table.querySelector("table")?.parentElement;
    if (!scroller || !visible(table) || table.closest("[class*='st-key-wide_']")) continue;
    const name = table.getAttribute("aria-label") || (table.querySelector("th") || table).textContent;
    if (scroller.scrollWidth > scroller.clientWidth + 1) add("table-scrolls", name);
  }

  // Charts: inside their column, every label inside the chart, labels apart, none cut short, none tiny.
  for (const chart of main.querySelectorAll(".js-plotly-plot")) {
    if (!visible(chart)) continue;
    const svg = chart.querySelector("svg.main-svg");
    const host = chart.closest("[data-testid='stElementContainer']") || chart;
    const box = svg.getBoundingClientRect();
    if (!inside(box, host.getBoundingClientRect())) add("chart-wider-than-column", chart.innerText || "chart");
    const title = (chart.querySelector(".gtitle") || {}).textContent || "chart";
    const labels = Array.from(
      chart.querySelectorAll(".xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .legendtext, .annotation-text, .gtitle"),
    ).filter((t) => t.textContent.trim() && visible(t));
    const rects = labels.map((t) => t.getBoundingClientRect());
    labels.forEach((t, i) => {
      if (!inside(rects[i], box)) add("chart-label-cut", `${title}: ${t.textContent}`);
      if (t.textContent.trim().endsWith("…")) add("chart-label-shortened", `${title}: ${t.textContent}`);
      for (let j = 0; j < i; j += 1) {
        if (overlap(rects[i], rects[j])) add("chart-labels-collide", `${title}: ${labels[j].textContent} / ${t.textContent}`);
      }
    });
    for (const t of chart.querySelectorAll("text.slicetext")) {
      if (!t.textContent.trim() || !visible(t)) continue;
      const m = t.getScreenCTM();
      const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      if (size < 10) add("chart-text-tiny", `${title}: ${t.textContent} at ${size.toFixed(1)} px`);
    }
  }

  // Maps show every area whole. A MapLibre map (canvas): the boundaries' extent projects inside it.
  for (const chart of main.querySelectorAll(".js-plotly-plot")) {
    const map = chart._fullLayout?.map?._subplot?.map;
    if (map && visible(chart)) {
      const box = [Infinity, Infinity, -Infinity, -Infinity];
      const walk = (c) => {
        if (typeof c[0] === "number") {
          box[0] = Math.min(box[0], c[0]); box[1] = Math.min(box[1], c[1]);
          box[2] = Math.max(box[2], c[0]); box[3] = Math.max(box[3], c[1]);
        } else c.forEach(walk);
      };
      const shapes = [...chart.data.map((t) => t.geojson), ...(chart.layout.map?.layers || []).map((l) => l.source)];
      for (const shape of shapes) (shape?.features || []).forEach((f) => walk(f.geometry.coordinates));
      if (box[0] === Infinity) continue;
      const canvas = map.getCanvas();
      const corners = [map.project([box[0], box[1]]), map.project([box[2], box[3]])];
      if (corners.some((p) => p.x < 0 || p.y < 0 || p.x > canvas.clientWidth || p.y > canvas.clientHeight)) {
        const span = corners.map((p) => `(${Math.round(p.x)}, ${Math.round(p.y)})`).join(" to ");
        add("map-cropped", `areas span ${span} in a ${canvas.clientWidth} × ${canvas.clientHeight} px map`);
      }
    }
    // A map drawn as SVG (plotly geo): each area's outline lies inside the chart.
    const frame = chart.querySelector("svg.main-svg")?.getBoundingClientRect();
    for (const area of frame ? chart.querySelectorAll("path.choroplethlocation") : []) {
      if (visible(area) && !inside(area.getBoundingClientRect(), frame)) add("map-cropped", "an area is cut off");
    }
  }
  return { problems, sidebarOpen };
})()
