/*
 * lunar_reference.js — generator of tests/data/lunar_reference.tsv
 *
 * Run BY HAND only; the test suite never runs it and nothing is downloaded at
 * test time (the tests only read the committed TSV).  It uses the npm package
 * `vietnamese-lunar-calendar` (ISC licence, v0.0.6, a port of Hồ Ngọc Đức's
 * amlich code) as an independent reference for motcua's C lunar calendar.
 *
 * To regenerate, in a scratch directory OUTSIDE the repository:
 *     mkdir /tmp/lunarref && cd /tmp/lunarref
 *     npm init -y && npm install vietnamese-lunar-calendar
 *     TZ=UTC NODE_PATH=/tmp/lunarref/node_modules \
 *         node /path/to/motcua/tests/data/lunar_reference.js \
 *         > /path/to/motcua/tests/data/lunar_reference.tsv
 *
 * Only the low-level function convertLunar2Solar(day, month, year, leap, tz)
 * is used, always with tz = 7 (UTC+7, Vietnam).  The package's date classes
 * (LunarDate etc.) are NOT used: they default to the machine's time zone.
 * convertLunar2Solar returns a JS Date built with new Date(y, m-1, d) (local
 * time; read back with the local getters, so the machine TZ does not matter),
 * or the array [0, 0, 0] when `leap` is set for a month that is not the leap
 * month of a lunar year that HAS a leap month; in a year without one the
 * leap flag is silently ignored (it returns the normal month).  So month m is
 * taken to be the leap month of lunar year Y iff leap = 1 gives a valid date
 * that differs from the one given by leap = 0 (tried for m = 1..12).
 *
 * Columns: year, tet (solar date of lunar 1/1), hung_kings (solar date of
 * lunar 10/3, non-leap), leap_month (0 if the lunar year has no leap month).
 */
'use strict';
const { convertLunar2Solar } = require('vietnamese-lunar-calendar/build/solar-lunar');

const TZ = 7;

function iso(d) {
  if (!(d instanceof Date)) return null;
  const p = (n, w) => String(n).padStart(w, '0');
  return p(d.getFullYear(), 4) + '-' + p(d.getMonth() + 1, 2) + '-' + p(d.getDate(), 2);
}

function leapMonth(year) {
  const found = [];
  for (let m = 1; m <= 12; m++) {
    const withLeap = iso(convertLunar2Solar(1, m, year, 1, TZ));
    const normal = iso(convertLunar2Solar(1, m, year, 0, TZ));
    if (withLeap !== null && withLeap !== normal) found.push(m);
  }
  if (found.length > 1) throw new Error('several leap months in ' + year + ': ' + found);
  return found.length ? found[0] : 0;
}

const out = ['year\ttet\thung_kings\tleap_month'];
for (let y = 1900; y <= 2199; y++) {
  const tet = iso(convertLunar2Solar(1, 1, y, 0, TZ));
  const hung = iso(convertLunar2Solar(10, 3, y, 0, TZ));
  if (!tet || !hung) throw new Error('conversion failed for ' + y);
  out.push([y, tet, hung, leapMonth(y)].join('\t'));
}
process.stdout.write(out.join('\n') + '\n');
