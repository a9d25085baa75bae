// The dashboard's few browser-side helpers: the API token kept for this tab, and downloads of files built on the server.
window.ninSearch = {
    session: {
        get: () => sessionStorage.getItem("ninsearch.api-token"),
        set: token => sessionStorage.setItem("ninsearch.api-token", token),
        clear: () => sessionStorage.removeItem("ninsearch.api-token"),
    },
    // Calls reference.OnVisible() once element comes within 200 px of the viewport.
    whenVisible: (element, reference) => {
        const observer = new IntersectionObserver(entries => {
            if (!entries.some(entry => entry.isIntersecting)) return;
            observer.disconnect();
            reference.invokeMethodAsync("OnVisible");
        }, { rootMargin: "200px" });
        observer.observe(element);
    },
    download: async (fileName, contentType, streamReference) => {
        const buffer = await streamReference.arrayBuffer();
        const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(url);
    },
};
