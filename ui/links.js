// Links between pages written as HTML (lib/views/overview_html.py page_link) switch pages the
// way the sidebar's own links do: inside the app, keeping the session and with it the filters,
// without loading the app anew. A click with a modifier key (a new tab or window) is left to
// the browser, and so is a link to a page the sidebar does not list: the link's own address
// opens the page with the same filters.
(() => {
  if (window.__hjkLinks) return;
  window.__hjkLinks = true;
  const sidebarLink = (path) =>
    [...document.querySelectorAll('[data-testid="stSidebarNav"] a[href]')].find(
      (a) => new URL(a.href, document.baseURI).pathname.replace(/\/$/, "").endsWith("/" + path),
    );
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest("a[data-hjk-page]");
      if (!link || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const target = sidebarLink(link.getAttribute("data-hjk-page"));
      if (!target) return;
      event.preventDefault();
      target.click();
    },
    true,
  );
})();
