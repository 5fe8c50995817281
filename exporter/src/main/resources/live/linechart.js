// linechart.js: a small canvas line chart for the live page, without dependencies.
// One slot per second; a null value is a gap (a second without data), never drawn as zero.
'use strict';

(() => {
  const NICE_STEPS = [1, 2, 2.5, 5, 10];
  const TICK_SECONDS = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600];

  /** A round step that splits `range` into about `ticks` parts. */
  function niceStep(range, ticks) {
    const raw = range / ticks;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    return NICE_STEPS.find((n) => n * magnitude >= raw) * magnitude;
  }

  function minuteLabel(epochSeconds) {
    return new Date(epochSeconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  }

  class LineChart {
    /**
     * @param {HTMLElement} host receives a canvas and a legend
     * @param {{series: {label: string, color: string}[], format: (v: number) => string, floor?: number}} options
     *        floor: the smallest top of the y axis, so small values do not fill the whole height
     */
    constructor(host, { series, format, floor = 1 }) {
      this.series = series;
      this.format = format;
      this.floor = floor;
      this.start = 0;
      this.columns = series.map(() => []);
      this.hover = null;
      this.canvas = document.createElement('canvas');
      const legend = document.createElement('div');
      legend.className = 'legend';
      this.time = document.createElement('span');
      this.time.className = 'legend-time';
      this.values = series.map((s) => {
        const item = document.createElement('span');
        const swatch = document.createElement('i');
        swatch.style.background = s.color;
        const value = document.createElement('b');
        item.append(swatch, `${s.label} `, value);
        legend.append(item);
        return value;
      });
      legend.append(this.time);
      host.append(this.canvas, legend);
      this.canvas.addEventListener('mousemove', (e) => {
        const { left, right } = this.plot || {};
        if (left === undefined) return;
        const n = this.slots();
        const i = Math.round(((e.offsetX - left) / (right - left)) * (n - 1));
        this.hover = i >= 0 && i < n ? i : null;
        this.draw();
      });
      this.canvas.addEventListener('mouseleave', () => { this.hover = null; this.draw(); });
      new ResizeObserver(() => this.draw()).observe(this.canvas);
    }

    /**
     * start: the epoch second of slot 0; step: seconds per slot (1, or 60 for minute points);
     * columns[s][i]: series s at second start + i * step, or null for a gap.
     */
    setData(start, columns, step = 1) {
      this.start = start;
      this.step = step;
      this.columns = columns;
      this.draw();
    }

    slots() {
      return Math.max(2, ...this.columns.map((c) => c.length));
    }

    draw() {
      const width = this.canvas.clientWidth;
      const height = this.canvas.clientHeight;
      if (!width || !height) return;
      const dpr = window.devicePixelRatio || 1;
      if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
        this.canvas.width = Math.round(width * dpr);
        this.canvas.height = Math.round(height * dpr);
      }
      const ctx = this.canvas.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      const style = getComputedStyle(this.canvas);
      ctx.font = `11px ${style.fontFamily}`;

      const n = this.slots();
      let max = 0;
      for (const column of this.columns) for (const v of column) if (v !== null && v > max) max = v;
      const step = niceStep(Math.max(max, this.floor), 4);
      const top = Math.max(step, Math.ceil(max / step) * step);
      const ticks = [];
      for (let k = 0; k * step <= top + step / 2; k++) ticks.push(k * step);
      const left = 8 + Math.ceil(Math.max(...ticks.map((v) => ctx.measureText(this.format(v)).width)));
      const right = width - 10;
      const upper = 8;
      const bottom = height - 20;
      this.plot = { left, right };
      const x = (i) => left + ((right - left) * i) / (n - 1);
      const y = (v) => bottom - ((bottom - upper) * v) / top;

      ctx.strokeStyle = style.getPropertyValue('--grid').trim() || '#444';
      ctx.fillStyle = style.color;
      ctx.lineWidth = 1;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      for (const v of ticks) {
        const py = Math.round(y(v)) + 0.5;
        ctx.beginPath(); ctx.moveTo(left, py); ctx.lineTo(right, py); ctx.stroke();
        ctx.fillText(this.format(v), left - 5, py);
      }
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      const slotSeconds = this.step || 1;
      const every = TICK_SECONDS.find((t) => t >= (n * slotSeconds) / 8) || 21600; // at most about 8 time labels
      for (let i = 0; i < n; i++) {
        const t = this.start + i * slotSeconds;
        if (t % every !== 0) continue;
        const px = Math.round(x(i)) + 0.5;
        ctx.beginPath(); ctx.moveTo(px, upper); ctx.lineTo(px, bottom); ctx.stroke();
        ctx.fillText(minuteLabel(t), px, bottom + 5);
      }

      ctx.lineWidth = 1.5;
      ctx.lineJoin = 'round';
      this.columns.forEach((column, s) => {
        ctx.strokeStyle = ctx.fillStyle = this.series[s].color;
        ctx.beginPath();
        for (let i = 0; i < column.length; i++) {
          if (column[i] === null) continue;
          const px = x(i);
          const py = y(column[i]);
          if (i > 0 && column[i - 1] !== null) {
            ctx.lineTo(px, py);
          } else {
            ctx.moveTo(px, py);
            if (i + 1 >= column.length || column[i + 1] === null) ctx.fillRect(px - 1.5, py - 1.5, 3, 3);
          }
        }
        ctx.stroke();
      });

      if (this.hover !== null) {
        const px = Math.round(x(this.hover)) + 0.5;
        ctx.strokeStyle = style.color;
        ctx.lineWidth = 1;
        ctx.beginPath(); ctx.moveTo(px, upper); ctx.lineTo(px, bottom); ctx.stroke();
      }
      this.drawLegend();
    }

    /** Values at the hovered second, else the latest value of each series in the window. */
    drawLegend() {
      const at = (column) => {
        if (this.hover !== null) return column[this.hover] ?? null;
        for (let i = column.length - 1; i >= 0; i--) if (column[i] !== null) return column[i];
        return null;
      };
      this.columns.forEach((column, s) => {
        const v = at(column);
        this.values[s].textContent = v === null ? '–' : this.format(v);
      });
      this.time.textContent = this.hover === null
        ? '' : new Date((this.start + this.hover * (this.step || 1)) * 1000).toLocaleTimeString([], { hour12: false });
    }
  }

  window.LineChart = LineChart;
})();
