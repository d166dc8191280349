// Links written as HTML (lib/views/overview_html.py page_link and view_link) open their page
// inside the app, in the same session (a logged-in editor stays logged in, the filters stay),
// without loading the app anew: the address goes into the browser's history, and the app is
// told as when the Back button is pressed (Streamlit listens for "popstate" and runs the page
// of the address with its query). Back and Forward then work as for any link. A click with a
// modifier key (a new tab or window) is left to the browser, and so is a link to an address
// that is not one of the app's pages: the link itself still opens the page.
(() => {
  if (window.__hjkLinks) return;
  window.__hjkLinks = true;
  const pathOf = (href) => new URL(href, document.baseURI).pathname.replace(/\/$/, "");
  const known = (url) => {
    const here = pathOf(document.location.href);
    const pages = [...document.querySelectorAll('[data-testid="stSidebarNav"] a[href]')];
    return pathOf(url) === here || pages.some((a) => pathOf(a.href) === pathOf(url));
  };
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest("a[data-hjk-link]");
      if (!link || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const url = new URL(link.getAttribute("href"), document.location.href);
      if (url.origin !== document.location.origin || !known(url.href)) return;
      event.preventDefault();
      window.history.pushState(null, "", url.href);
      window.dispatchEvent(new PopStateEvent("popstate", { state: null }));
    },
    true,
  );
})();
