#!/usr/bin/env python3
"""Where figure 4's breaches lose their time (bench/detector.sh pass 4).

    bench/detector-tail.py <dir> [top_share=0.05]

<dir> holds what one traced latency pass left behind:
  trace.txt               DETECTOR_BENCH_TRACE=<dir>/trace.txt (one line per breach: sent, consumed, latency)
  breach-detector*.log    the detector's log (the largest is read) with
                          quarkus.log.category."dev.surety.detector.streams.ObjectiveProcessor".level=DEBUG:
                          "trace breach=... forwarded_ms=..." and "trace punctuation=..." lines
  gc.log (optional)       DETECTOR_OPTS_EXTRA=-Xlog:gc:file=<dir>/gc.log:time,uptime
  detector.jfr (optional) DETECTOR_OPTS_EXTRA=-XX:StartFlightRecording=filename=<dir>/detector.jfr,settings=default,
                          jdk.ThreadPark#threshold=1ms (the stream threads' waits in a commit: producer flush,
                          sendOffsetsToTransaction, commitTransaction; parsed once into <dir>/parks.json)
Prints the latency split into send -> forward (waiting before the stream thread judged the measurement) and
forward -> consumed (the commit, markers and the reader's fetch), the commits per stream thread (span, flush waits
per commit, share of time parked in commit waits), and for the slowest top_share of breaches what overlapped them.
The send time is taken as consumed_ms - latency (the latency counts from the moment the measurement was handed
to the producer).
"""
import sys, re, os, json, subprocess, datetime, glob
out = sys.argv[1]
top_share = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05
trace = []
for line in open(os.path.join(out, 'trace.txt')):
    f = line.split()
    kv = dict(x.split('=', 1) for x in f[1:])
    trace.append(dict(key=f[0], sent=int(kv['consumed_ms']) - int(kv['latency_us']) / 1000, evt=int(kv['sent_ms']), ack=int(kv['ack_us']) / 1000, lat=int(kv['latency_us']) / 1000,
                      consumed=int(kv['consumed_ms']), part=int(kv['partition'])))
fw = {}
punct = []
logs = [p for p in glob.glob(os.path.join(out, 'breach-detector*.log'))]
log = max(logs, key=os.path.getsize)
for line in open(log, errors='replace'):
    m = re.search(r'\((\S*StreamThread-\d+)\).*trace breach=(\S+) task=(\S+) forwarded_ms=(\d+) commit_asked=(\w+)', line)
    if m:
        fw.setdefault(m.group(2), []).append(dict(thread=m.group(1)[-1], task=m.group(3), ms=int(m.group(4)), asked=m.group(5) == 'true'))
        continue
    m = re.search(r'\((\S*StreamThread-\d+)\).*trace punctuation=(\S+) task=(\S+) start_ms=(\d+) took_us=(\d+)', line)
    if m:
        punct.append(dict(thread=m.group(1)[-1], what=m.group(2), task=m.group(3), start=int(m.group(4)), ms=int(m.group(5)) / 1000))
# GC pauses: [2026-11-27T22:15:01.123+0000][12.345s] GC(12) Pause Young (Allocation Failure) 300M->100M(800M) 12.345ms
gcs = []
gcf = os.path.join(out, 'gc.log')
if os.path.exists(gcf):
    for line in open(gcf):
        m = re.match(r'\[(\S+?)\]\[.*?\] GC\(\d+\) (Pause \S+).* ([\d.]+)ms$', line.strip())
        if m:
            t = datetime.datetime.strptime(m.group(1)[:23], '%Y-%m-%dT%H:%M:%S.%f').replace(tzinfo=datetime.timezone.utc)
            end = t.timestamp() * 1000
            gcs.append(dict(start=end - float(m.group(3)), ms=float(m.group(3)), kind=m.group(2)))
parks = []
jfr = os.path.join(out, 'detector.jfr')
pk = os.path.join(out, 'parks.json')
if os.path.exists(jfr) and not os.path.exists(pk):
    raw = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '40', '--events', 'jdk.ThreadPark,jdk.JavaMonitorWait,jdk.JavaMonitorEnter', jfr],
                         capture_output=True, text=True).stdout
    evs = json.loads(raw)['recording']['events']
    res = []
    for e in evs:
        v = e['values']
        th = (v.get('eventThread') or {}).get('javaName') or ''
        if 'StreamThread' not in th:
            continue
        frames = [fr['method']['type']['name'].split('.')[-1] + '.' + fr['method']['name'] for fr in (v.get('stackTrace') or {}).get('frames', [])]
        st = ' '.join(frames)
        if 'KafkaProducer.flush' in st or 'RecordCollectorImpl.flush' in st:
            kind = 'flush'
        elif 'sendOffsetsToTransaction' in st:
            kind = 'offsets'
        elif 'commitTransaction' in st:
            kind = 'commitTxn'
        elif 'beginTransaction' in st:
            kind = 'beginTxn'
        else:
            kind = 'other:' + '<'.join(frames[:6])
        t = datetime.datetime.fromisoformat(v['startTime'].replace('Z', '+00:00')).timestamp() * 1000
        d = v['duration']  # ISO-8601 like PT0.012S
        dm = re.match(r'PT(?:(\d+)M)?([\d.]+)S', d)
        ms = (int(dm.group(1) or 0) * 60 + float(dm.group(2))) * 1000 if dm else 0
        res.append(dict(thread=th[-1], start=t, ms=ms, kind=kind))
    json.dump(res, open(pk, 'w'))
if os.path.exists(pk):
    # The stream threads themselves (names end in their number), not their producers' network threads.
    parks = [x for x in json.load(open(pk)) if x['thread'].isdigit()]

def overl(a0, a1, items, thread=None):
    r = []
    for it in items:
        s, e = it['start'], it['start'] + it['ms']
        if e > a0 and s < a1 and (thread is None or it.get('thread') == thread):
            r.append(it)
    return r

rows = []
for t in trace:
    f = fw.get(t['key'], [None])[0]
    t['fw'] = f
    if f:
        t['in'] = f['ms'] - t['sent']
        t['vis'] = t['consumed'] - f['ms']
    rows.append(t)
rows.sort(key=lambda r: r['lat'])
n = len(rows)
def pct(vals, p):
    vals = sorted(vals)
    return vals[min(len(vals) - 1, int(p * len(vals)))] if vals else float('nan')
ins = [r['in'] for r in rows if 'in' in r]
viss = [r['vis'] for r in rows if 'vis' in r]
print(f"breaches {n}, with forward trace {len(ins)}")
print("lat   p50 %.1f p90 %.1f p95 %.1f p99 %.1f max %.1f" % tuple(pct([r['lat'] for r in rows], p) for p in (.5, .9, .95, .99, 1)))
print("in    p50 %.1f p90 %.1f p95 %.1f p99 %.1f max %.1f  (send -> forward)" % tuple(pct(ins, p) for p in (.5, .9, .95, .99, 1)))
print("vis   p50 %.1f p90 %.1f p95 %.1f p99 %.1f max %.1f  (forward -> consumed)" % tuple(pct(viss, p) for p in (.5, .9, .95, .99, 1)))
print("ack   p50 %.1f p90 %.1f p99 %.1f" % tuple(pct([r['ack'] for r in rows], p) for p in (.5, .9, .99)))
asked = [r for r in rows if r.get('fw') and r['fw']['asked']]
print(f"asked an early commit: {len(asked)} of {len(ins)}; vis p50 asked %.1f / not asked %.1f" % (
    pct([r['vis'] for r in asked], .5), pct([r['vis'] for r in rows if r.get('fw') and not r['fw']['asked']], .5)))
if gcs:
    span0, span1 = rows and min(r['sent'] for r in rows), max(r['consumed'] for r in rows)
    g = [x for x in gcs if span0 <= x['start'] <= span1]
    print(f"GC pauses in the timed span: {len(g)}, total {sum(x['ms'] for x in g):.0f} ms, max {max([x['ms'] for x in g] or [0]):.1f}, p50 {pct([x['ms'] for x in g], .5):.1f}")
if parks:
    from collections import defaultdict
    agg = defaultdict(list)
    span0, span1 = min(r['sent'] for r in rows), max(r['consumed'] for r in rows)
    for p in parks:
        if span0 <= p['start'] <= span1:
            agg[p['kind'] if not p['kind'].startswith('other') else 'other'].append(p['ms'])
    for k, v in sorted(agg.items()):
        print(f"  stream-thread parks >=1ms in span: {k:10s} n={len(v)} total={sum(v):.0f}ms p50={pct(v,.5):.1f} p90={pct(v,.9):.1f} max={max(v):.1f}")
k = max(1, int(round(n * top_share)))
print(f"\nslowest {k}:")
for r in rows[-k:]:
    f = r['fw']
    if not f:
        print(f"{r['key']} lat {r['lat']:.1f} (no forward trace)"); continue
    th = f['thread']
    a0, a1, a2 = r['sent'], f['ms'], r['consumed']
    print(f"{r['key']:40s} lat {r['lat']:6.1f} ack {r['ack']:5.1f} in {r['in']:5.0f} vis {r['vis']:5.0f} thread {th} task {f['task']} asked {f['asked']}")
    for g in overl(a0 - 5, a2, gcs):
        print(f"    GC {g['kind']} {g['ms']:.1f} ms at +{g['start'] - a0:.0f}")
    for p in overl(a0 - 50, a2, punct):
        print(f"    punct {p['what']} t{p['thread']} {p['task']} {p['ms']:.1f} ms at +{p['start'] - a0:.0f}")
    for p in overl(a0 - 50, a2, parks):
        print(f"    park t{p['thread']} {p['kind'][:150]} {p['ms']:.1f} ms at +{p['start'] - a0:.0f}")
    others = [o for o in rows if o is not r and o.get('fw') and abs(o['sent'] - r['sent']) < 5]
    for o in others:
        print(f"    same burst: {o['key']} lat {o['lat']:.1f} thread {o['fw']['thread']} fw +{o['fw']['ms'] - a0} asked {o['fw']['asked']}")


# Commits per stream thread, from the JFR waits: a commit is a run of flush waits, then the offsets, then the end.
def commits_of(parks):
    parks = sorted(parks, key=lambda x: x['start'])
    for th in sorted({x['thread'] for x in parks if x['thread'].isdigit()}):
        ev = [x for x in parks if x['thread'] == th and x['kind'] in ('flush', 'offsets', 'commitTxn')]
        commits, cur = [], None
        for e in ev:
            if cur is None or (e['kind'] == 'flush' and cur['phase'] != 'flush'):
                if cur:
                    commits.append(cur)
                cur = {'start': e['start'], 'flush': 0, 'offsets': 0, 'commitTxn': 0, 'nflush': 0, 'phase': 'flush'}
            cur[e['kind']] += e['ms']
            cur['phase'] = e['kind']
            cur['end'] = e['start'] + e['ms']
            if e['kind'] == 'flush':
                cur['nflush'] += 1
        if cur:
            commits.append(cur)
        if not commits:
            continue
        t0, t1 = commits[0]['start'], commits[-1]['end']
        span = [c['end'] - c['start'] for c in commits]
        parked = sum(c['flush'] + c['offsets'] + c['commitTxn'] for c in commits)
        print(f"\nstream thread {th}: {len(commits)} commits in {(t1 - t0) / 1000:.0f} s; span p50 {pct(span, .5):.1f}"
              f" p90 {pct(span, .9):.1f} p99 {pct(span, .99):.1f} ms; flush waits per commit p50"
              f" {pct([c['nflush'] for c in commits], .5)} p90 {pct([c['nflush'] for c in commits], .9)}; flush"
              f" p50 {pct([c['flush'] for c in commits], .5):.1f} p90 {pct([c['flush'] for c in commits], .9):.1f} ms;"
              f" offsets p50 {pct([c['offsets'] for c in commits], .5):.1f}; commitTransaction p50"
              f" {pct([c['commitTxn'] for c in commits], .5):.1f}; parked in commit waits {parked / (t1 - t0) * 100:.0f} %")


if parks:
    commits_of(parks)
