// The body map: regions are buttons; a click, a tap, Enter or Space sends {region, side}.
// This module runs again on every change of data, so listeners are wired once per mount and
// read the latest sender from the root.
export default function ({ data, parentElement, setTriggerValue }) {
  const root = parentElement;
  root.__send = setTriggerValue;
  if (!root.__wired) {
    root.__wired = true;
    const pick = (part) =>
      root.__send("pick", { region: part.dataset.region, side: part.dataset.side || null });
    root.addEventListener("click", (event) => {
      const part = event.target.closest("[data-region]");
      if (part) pick(part);
    });
    root.addEventListener("keydown", (event) => {
      const part = event.target.closest("[data-region]");
      if (part && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault(); // Space would scroll the page
        pick(part);
      }
    });
  }
  const chosen = data || {};
  for (const part of root.querySelectorAll("[data-region]")) {
    const side = part.dataset.side;
    const on =
      part.dataset.region === chosen.region &&
      (!side || !chosen.side || chosen.side === "both" || side === chosen.side);
    part.setAttribute("aria-pressed", on ? "true" : "false");
  }
}
