// Streamlit's own English strings in Dutch: the words it draws itself (buttons of the data grid,
// the date picker, the file uploader, dialogs, the sidebar, the main menu) in the page text and
// in aria-label, title, placeholder and aria-valuetext. Loaded once per browser tab by the page's
// head block (ui/components.py page_head); a MutationObserver translates whatever Streamlit draws
// later. Only whole strings that are known are replaced, so the app's own (Dutch) text is never
// touched; elements marked translate="no" (Material icon names) are left alone.
(() => {
  if (window.__hjkDutch) return;
  window.__hjkDutch = true;

  const EXACT = {
    "Skip to main content": "Naar de inhoud",
    "Sidebar": "Zijbalk",
    "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen",
    "App pages": "Pagina's",
    "Main menu": "Hoofdmenu",
    "Link to heading": "Link naar deze kop",
    "Help": "Uitleg",
    "Open": "Openen",
    "Close": "Sluiten",
    "Dismiss": "Sluiten",
    "Print": "Afdrukken",
    "Record screen": "Scherm opnemen",
    "Record a screencast": "Scherm opnemen",
    "Stop recording": "Opname stoppen",
    "Made with Streamlit v": "Gemaakt met Streamlit v",
    "Copy version to clipboard": "Versienummer kopiëren",
    "Rerun": "Opnieuw uitvoeren",
    "Settings": "Instellingen",
    "About": "Over",
    "Clear cache": "Cache wissen",
    "Running...": "Bezig...",
    "Stop": "Stoppen",
    "Connecting": "Verbinding maken",
    "Connecting to Streamlit server": "Verbinding maken met de server",
    "Page not found": "Pagina niet gevonden",
    "The page that you have requested does not seem to exist. Running the app's main page.":
      "De gevraagde pagina bestaat niet. U ziet de startpagina.",
    // Selectbox and multiselect
    "Choose an option": "Kies een optie",
    "Choose options": "Kies opties",
    "Choose or add an option": "Kies of voeg een optie toe",
    "Choose or add options": "Kies of voeg opties toe",
    "No options": "Geen opties",
    "No results": "Geen resultaten",
    "Select all": "Alles selecteren",
    "Deselect all": "Niets selecteren",
    "Clear all": "Alles wissen",
    "Clear": "Wissen",
    "Remove": "Verwijderen",
    // Date input
    "Choose date": "Kies een datum",
    "Choose date range": "Kies een periode",
    "Next month": "Volgende maand",
    "Previous month": "Vorige maand",
    "Next": "Volgende",
    "Previous": "Vorige",
    // File uploader
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "Drag and drop directories here": "Sleep mappen hierheen",
    "Browse files": "Bestand kiezen",
    "Browse directories": "Map kiezen",
    "Upload": "Uploaden",
    "file upload": "bestand uploaden",
    "Remove file": "Bestand verwijderen",
    "Delete": "Verwijderen",
    // Password field
    "Show password": "Tekens tonen", // not "Wachtwoord ...": the field itself is "Wachtwoord"
    "Hide password": "Tekens verbergen",
    // Data grid toolbar and column menu
    "Show/hide columns": "Kolommen tonen of verbergen",
    "Download as CSV": "Downloaden als CSV",
    "Search": "Zoeken",
    "Close Search": "Zoeken sluiten",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Exit fullscreen": "Volledig scherm sluiten",
    "Show data": "Gegevens tonen",
    "Add row": "Rij toevoegen",
    "Delete row(s)": "Rij(en) verwijderen",
    "Sort ascending": "Oplopend sorteren",
    "Sort descending": "Aflopend sorteren",
    "Pin column": "Kolom vastzetten",
    "Unpin column": "Kolom losmaken",
    "Hide column": "Kolom verbergen",
    "Autosize": "Breedte aanpassen",
    "Format": "Opmaak",
    "Automatic": "Automatisch",
    "Localized": "Landinstelling",
    "Plain": "Gewoon",
    "Percent": "Procent",
    "Scientific": "Wetenschappelijk",
    "Accounting": "Boekhouding",
    "Compact": "Compact",
    "Copy to clipboard": "Kopiëren naar klembord",
    "Copied": "Gekopieerd",
    "None": "–",
    // The date picker's calendar (Streamlit 1.67) and the forms' typing hints
    "Use arrow keys to navigate dates. Enter to select. Escape to close.":
      "Kies een dag met de pijltjestoetsen; Enter kiest, Escape sluit.",
    "month": "maand",
    "year": "jaar",
    "Press Enter to submit form": "Druk op Enter om te versturen",
    "Press Ctrl+Enter to submit form": "Druk op Ctrl+Enter om te versturen",
    "Press ⌘+Enter to submit form": "Druk op ⌘+Enter om te versturen",
    "Press Enter to apply": "Druk op Enter om toe te passen",
    "progress": "voortgang",
  };

  const MONTHS = {
    January: "januari", February: "februari", March: "maart", April: "april", May: "mei",
    June: "juni", July: "juli", August: "augustus", September: "september",
    October: "oktober", November: "november", December: "december",
  };
  const month = (name) => MONTHS[name] || name;
  const DAYS = {
    Sunday: "zondag", Monday: "maandag", Tuesday: "dinsdag", Wednesday: "woensdag",
    Thursday: "donderdag", Friday: "vrijdag", Saturday: "zaterdag",
  };
  const MONTH_NAME = `(${Object.keys(MONTHS).join("|")})`;
  // The calendar's weekday initials (S M T W T F S) stay: rewriting them made the calendar
  // redraw them without end. Each day's own label ("woensdag 1 oktober ...") is Dutch.

  const PATTERNS = [
    [/^Help for (.+)$/, (_, what) => `Uitleg bij ${what}`],
    [/^Choose date, (.+)$/, (_, when) => `Kies een datum, ${when}`],
    [new RegExp(`^Kies een datum, ${MONTH_NAME} (\\d{4})$`),
      (_, m, y) => `Kies een datum, ${month(m)} ${y}`],
    [new RegExp(`^${MONTH_NAME}$`), (_, m) => month(m)],
    [new RegExp(`^${MONTH_NAME} (\\d{4})$`), (_, m, y) => `${month(m)} ${y}`],
    // A day of the calendar: "Wednesday, October 1, YYYY selected"
    [new RegExp(`^(\\w+day), ${MONTH_NAME} (\\d+), (\\d{4})( selected)?$`),
      (_, d, m, n, y, chosen) => `${DAYS[d] || d} ${n} ${month(m)} ${y}${chosen ? ", gekozen" : ""}`],
    [/^Selected Date: (\w+) (\d+), (\d{4})$/,
      (_, m, d, y) => `Gekozen datum: ${Number(d)} ${month(m)} ${y}`],
    [/^(\d+) – (\w+)$/, (_, n, m) => `${n} – ${month(m)}`],
    [/^day, (.+)$/, (_, what) => `dag, ${what}`],
    [/^month, (.+)$/, (_, what) => `maand, ${what}`],
    [/^year, (.+)$/, (_, what) => `jaar, ${what}`],
    [/^(.+) per file$/, (_, size) => `${size} per bestand`],
    // An uploaded file's size, "52.0B" or "1.2MB": Dutch decimal comma and a space.
    [/^(\d+)\.(\d+)(B|KB|MB|GB)$/, (_, whole, part, unit) => `${whole},${part} ${unit}`],
    [/^(\d+) options? available\.?$/, (_, n) => `${n} ${n === "1" ? "optie" : "opties"} beschikbaar.`],
    [/^(\d+) results? available\.?$/, (_, n) => `${n} ${n === "1" ? "resultaat" : "resultaten"} beschikbaar.`],
  ];

  const dutch = (value) => {
    const text = value.trim();
    if (!text || !/[A-Za-z]/.test(text)) return value;
    if (Object.prototype.hasOwnProperty.call(EXACT, text)) return value.replace(text, EXACT[text]);
    for (const [pattern, replace] of PATTERNS) {
      if (pattern.test(text)) return value.replace(text, text.replace(pattern, replace));
    }
    return value;
  };

  const ATTRIBUTES = ["aria-label", "title", "placeholder", "aria-valuetext"];
  const keep = (element) => element.closest('[translate="no"], script, style');

  const element = (el) => {
    if (keep(el)) return;
    for (const name of ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value) {
        const translated = dutch(value);
        if (translated !== value) el.setAttribute(name, translated);
      }
    }
  };
  const textNode = (node) => {
    const value = node.nodeValue;
    if (!value || !node.parentElement || keep(node.parentElement)) return;
    const translated = dutch(value);
    if (translated !== value) node.nodeValue = translated;
  };
  // Charts (SVG: Plotly draws thousands of nodes) hold no Streamlit words: skipped whole.
  const skipCharts = {
    acceptNode: (node) =>
      node instanceof SVGElement ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  };
  const tree = (root) => {
    if (root.nodeType === Node.TEXT_NODE) return textNode(root);
    if (root.nodeType !== Node.ELEMENT_NODE || root instanceof SVGElement) return;
    element(root);
    const show = NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT;
    const walker = document.createTreeWalker(root, show, skipCharts);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.nodeType === Node.TEXT_NODE) textNode(node);
      else element(node);
    }
  };

  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") element(record.target);
      else if (record.type === "characterData") textNode(record.target);
      else record.addedNodes.forEach(tree);
    }
  }).observe(document.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
  tree(document.body);
})();
