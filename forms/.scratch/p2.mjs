for (const o of [{dateStyle:'long'},{era:'long',year:'numeric',month:'long',day:'numeric'}]) {
const f = new Intl.DateTimeFormat('ja-JP-u-ca-japanese',{...o,timeZone:'UTC'});
for (const d of ['1989-01-08','2019-05-01','2019-04-30']) console.log(d, f.format(new Date(d+'T00:00:00Z')), JSON.stringify(f.formatToParts(new Date(d+'T00:00:00Z'))));
}
