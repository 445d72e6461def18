/** Minutes Helsinki is ahead of UTC at an instant (120 in winter, 180 in summer). */
function helsinkiOffset(ms: number): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Helsinki',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, Number(x.value)]),
  );
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ms / 60_000) * 60_000) / 60_000;
}

/**
 * A Helsinki wall-clock time as an ISO instant: demo events and meetings happen at the city's
 * clock times (a concert at 18.00), in summer and winter alike. `month` is 0-based, days overflow.
 */
export function helsinkiAt(year: number, month: number, day: number, time: string): string {
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(year, month, day, hh, mm);
  return new Date(wall - helsinkiOffset(wall - helsinkiOffset(wall) * 60_000) * 60_000).toISOString();
}
