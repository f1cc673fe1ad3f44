// The timeline chart: one keyboard stop, ranges by dragging or two clicks (see _timeline.html).
