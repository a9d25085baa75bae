// The campaign page's charts, drawn with plotly.js straight from the compact data the server sends (arrays of numbers,
// trial numbers as customdata), so that a 2,000-trial page carries tens of kilobytes, not a trace object per point.
// The cartesian charts use plotly's basic bundle (1.1 MB to compile, not 4.8 MB); the full bundle, needed only for
// parallel coordinates, is loaded when that chart is first drawn.
window.ninSearchCharts = (() => {
    const bundles = {
        basic: "_content/Plotly.Blazor/plotly-basic-3.7.0.min.js",
        full: "_content/Plotly.Blazor/plotly-3.7.0.min.js",
    };
    const loaded = new Map();
    const config = { responsive: true, displaylogo: false, displayModeBar: "hover" };

    // Each bundle sets window.Plotly as it runs: this keeps its own instance and puts back the one there before (the
    // trial and compare pages' Plotly.Blazor expects its full bundle there). One load at a time, so the swaps nest.
    let queue = Promise.resolve();
    const load = name => {
        if (!loaded.has(name)) {
            const bundle = queue.then(() => new Promise((resolve, reject) => {
                const previous = window.Plotly;
                const define = window.define;
                window.define = undefined;
                const script = document.createElement("script");
                script.src = bundles[name];
                script.async = true;
                const start = performance.now();
                script.onload = () => {
                    performance.measure(`ninsearch plotly ${name}`, { start, end: performance.now() });
                    const plotly = window.Plotly;
                    window.define = define;
                    if (previous) window.Plotly = previous;
                    resolve(plotly);
                };
                script.onerror = () => {
                    window.define = define;
                    loaded.delete(name);
                    reject(new Error(`plotly.js (${name}) did not load`));
                };
                document.head.appendChild(script);
            }));
            queue = bundle.catch(() => undefined);
            loaded.set(name, bundle);
        }
        return loaded.get(name);
    };

    const xy = (xTitle, yTitle, legend = true) => ({
        height: 320,
        margin: { l: 56, r: 16, t: 8, b: 48 },
        showlegend: legend,
        legend: { orientation: "h", y: 1.02, yanchor: "bottom", x: 0 },
        xaxis: { title: { text: xTitle }, zeroline: false },
        yaxis: { title: { text: yTitle }, zeroline: false },
        paper_bgcolor: "rgba(0,0,0,0)",
        plot_bgcolor: "rgba(0,0,0,0)",
        hovermode: "closest",
    });

    const curveStyles = {
        InProgress: { color: "#1976d2", width: 1.5, opacity: 0.8, mode: "lines" },
        Complete: { color: "#2e7d32", width: 1, opacity: 0.55, mode: "lines" },
        Pruned: { color: "#8d8d8d", width: 1, opacity: 0.5, mode: "lines" },
        Failed: { color: "#c62828", width: 1, opacity: 0.6, mode: "lines" },
        Best: { color: "#ef6c00", width: 3, opacity: 1, mode: "lines+markers" },
        Stops: { color: "#616161", width: 1, opacity: 0.8, mode: "markers" },
    };

    // Each figure: the bundle it needs and its plotly traces and layout, from the server's data.
    const figures = {
        learningCurves: data => {
            const layout = xy("epoch", "validation accuracy (%)");
            // Whole epochs on the axis while they fit.
            if (data.maxEpoch <= 20) layout.xaxis.dtick = 1;
            const traces = data.series.map(s => {
                const style = curveStyles[s.group];
                return {
                    type: "scatter",
                    name: s.name,
                    x: s.x,
                    y: s.y,
                    customdata: s.trials,
                    hovertemplate: "trial %{customdata}<br>epoch %{x}: %{y:.2f}%<extra></extra>",
                    mode: style.mode,
                    connectgaps: false,
                    opacity: style.opacity,
                    line: { color: style.color, width: style.width },
                    marker: { color: style.color, size: 6 },
                };
            });
            if (data.stops.x.length > 0) {
                const style = curveStyles.Stops;
                traces.push({
                    type: "scatter",
                    name: "pruned at its rung",
                    x: data.stops.x,
                    y: data.stops.y,
                    customdata: data.stops.labels,
                    hovertemplate: "%{customdata} stopped<br>epoch %{x}: %{y:.2f}%<extra></extra>",
                    mode: style.mode,
                    opacity: style.opacity,
                    marker: { color: style.color, size: 8, symbol: "x" },
                });
            }
            return { bundle: "basic", layout, traces };
        },
        bestSoFar: data => ({
            bundle: "basic",
            layout: xy("minutes since start", "best validation accuracy (%)", false),
            traces: [{
                type: "scatter",
                name: "best so far",
                x: data.minutes,
                y: data.accuracy,
                customdata: data.trials.map((trial, i) => [trial, data.epochs[i]]),
                hovertemplate: "trial %{customdata[0]}, epoch %{customdata[1]}<br>%{y:.2f}% at %{x:.1f} min<extra></extra>",
                mode: "lines+markers",
                line: { color: "#ef6c00", width: 2, shape: "hv" },
                marker: { color: "#ef6c00", size: 6 },
            }],
        }),
        pareto: data => ({
            bundle: "basic",
            layout: xy("MACs per image (millions)", "best validation accuracy (%)"),
            traces: [
                {
                    type: "scatter",
                    name: "trials",
                    x: data.trials.x,
                    y: data.trials.y,
                    customdata: data.trials.labels,
                    hovertemplate: "%{customdata}<br>%{x:.3f} M MACs: %{y:.2f}%<extra></extra>",
                    mode: "markers",
                    marker: { color: "#90a4ae", size: 8 },
                },
                {
                    type: "scatter",
                    name: "Pareto front",
                    x: data.front.macs,
                    y: data.front.accuracy,
                    customdata: data.front.trials.map((trial, i) => [trial, data.front.parameters[i]]),
                    hovertemplate: "trial %{customdata[0]} · %{customdata[1]:.3~s} params<br>%{x:.3f} M MACs: %{y:.2f}%<extra></extra>",
                    mode: "lines+markers",
                    line: { color: "#ef6c00", width: 2, shape: "hv" },
                    marker: { color: "#ef6c00", size: 8 },
                },
            ],
        }),
        importance: data => {
            const layout = xy("importance", "", false);
            layout.margin.l = 120;
            layout.height = Math.max(220, 40 + 24 * data.parameters.length);
            return {
                bundle: "basic",
                layout,
                traces: [{
                    type: "bar",
                    name: "importance",
                    orientation: "h",
                    x: data.importance,
                    y: data.parameters,
                    hovertemplate: "%{y}: %{x:.3f}<extra></extra>",
                    marker: { color: "#1976d2" },
                }],
            };
        },
        parallelCoordinates: data => ({
            bundle: "full",
            layout: { height: 360, margin: { l: 48, r: 48, t: 96, b: 24 }, paper_bgcolor: "rgba(0,0,0,0)" },
            traces: [{
                type: "parcoords",
                labelangle: -30,
                labelside: "top",
                dimensions: data.axes.map(a => ({
                    label: a.label,
                    values: a.values,
                    tickvals: a.tickValues ?? undefined,
                    ticktext: a.tickText ?? undefined,
                    tickformat: a.tickValues ? undefined : ".3~g",
                })),
                line: { color: data.axes[data.axes.length - 1].values, colorscale: "Viridis", showscale: true },
            }],
        }),
    };

    return {
        // Starts fetching and compiling the basic bundle while the page reads its campaign.
        preload: () => { load("basic"); },
        // Draws, or redraws in place, the chart of the given kind in element (a user timing measure of each draw
        // shows in the browser's performance tools and the page benchmark).
        draw: async (element, kind, data) => {
            const figure = figures[kind](data);
            const plotly = await load(figure.bundle);
            if (!element.isConnected) return;
            element.ninPlotly = plotly;
            const start = performance.now();
            await plotly.react(element, figure.traces, figure.layout, config);
            performance.measure(`ninsearch chart ${kind}`, { start, end: performance.now() });
        },
        // Frees what plotly keeps for a chart that leaves the page (its window resize listener among them).
        purge: element => element.ninPlotly?.purge(element),
    };
})();
