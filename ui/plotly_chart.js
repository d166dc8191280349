// A Plotly chart drawn with Plotly's cartesian bundle (static/, see ui/plotly_chart.py).
// Streamlit's own st.plotly_chart loads the full 4.7 MB Plotly bundle; compiling it is most
// of what a chart page waits for. This bundle (1.5 MB) has every trace type the plan's charts
// use (bar, scatter, heatmap) and is loaded once per page view, by the first chart.
// The Python side puts the bundle's URL in place of __BUNDLE__.

const BUNDLE = "__BUNDLE__";

// Plotly's own words a user can meet with the toolbar off: tips after a zoom and a legend click.
// The charts ask for this locale (ui/plotly_chart.py CONFIG); numbers follow the figure's
// `separators`.
const DUTCH = {
  moduleType: "locale",
  name: "nl",
  dictionary: {
    "Double-click to zoom back out": "Dubbelklik om weer uit te zoomen",
    "Double-click on legend to isolate one trace":
      "Dubbelklik op de legenda om alleen dat onderdeel te tonen",
  },
};

function plotly() {
  if (!window.__hjkPlotly) {
    window.__hjkPlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = BUNDLE;
      script.onload = () => {
        try {
          window.Plotly.register(DUTCH);
          resolve(window.Plotly);
        } catch (error) {
          reject(error); // not the Plotly we asked for
        }
      };
      script.onerror = () => {
        window.__hjkPlotly = undefined; // the next chart tries again
        reject(new Error(BUNDLE));
      };
      document.head.appendChild(script);
    });
  }
  return window.__hjkPlotly;
}

export default function ({ parentElement, data }) {
  let box = parentElement.querySelector(".hjk-chart");
  if (!box) {
    box = document.createElement("div");
    box.className = "hjk-chart";
    parentElement.appendChild(box);
  }
  const figure = JSON.parse(data.figure);
  box.style.minHeight = `${figure.layout.height || 450}px`;
  plotly()
    .then((Plotly) => {
      box.querySelector(".hjk-chart-failed")?.remove();
      // One image named by its title for screen readers, not Plotly's shapes one by one; the
      // text alternative under the chart gives its figures.
      box.setAttribute("role", "img");
      box.setAttribute("aria-label", data.label);
      return Plotly.react(box, figure.data, figure.layout, data.config).then(() => {
        // The column's width changes without a window resize (the sidebar opens or closes).
        // Only a new width redraws: the observer's first call, right away, is not one.
        if (!box.hjkResize) {
          let width = box.clientWidth;
          box.hjkResize = new ResizeObserver(() => {
            if (box.clientWidth !== width) {
              width = box.clientWidth;
              Plotly.Plots.resize(box);
            }
          });
          box.hjkResize.observe(box);
        }
      });
    })
    // The bundle did not load, or Plotly could not draw the figure: say so where it would be.
    .catch(() => {
      box.removeAttribute("role"); // the message is read out, not hidden in an image
      box.removeAttribute("aria-label");
      if (!box.querySelector(".hjk-chart-failed")) {
        const failed = document.createElement("p");
        failed.className = "hjk-chart-failed";
        failed.textContent = data.failed;
        box.appendChild(failed);
      }
    });
  return () => {
    box.hjkResize?.disconnect();
    box.hjkResize = undefined;
    window.Plotly?.purge(box);
  };
}
