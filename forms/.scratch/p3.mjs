import fs from 'node:fs'; import zlib from 'node:zlib';
import subsetFont from 'subset-font';
const text = '住民異動届転入転居転出届出年月日氏名フリガナ生年月日性別続柄世帯主新住所旧住所国民健康保険児童手当子ども医療費介護保険後期高齢者医療印鑑登録申請マイナンバーカード券面記載事項変更転校就学通知書ご署名ください電話番号郵便番号方書在留資格国籍地域在留カード番号満了日男女本人妻子父母長男長女次男次女明治大正昭和平成令和年月日番地号室丁目0123456789';
const buf=fs.readFileSync('/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf');
for (const opts of [{},{noHinting:true},{noHinting:true,dropTables:['GSUB','GPOS','GDEF','vhea','vmtx','VORG','BASE','hdmx','LTSH','VDMX','DSIG','kern','JSTF','meta','vert']}]) {
 let t=performance.now();
 const sub = await subsetFont(buf, text, {targetFormat:'truetype', ...opts});
 console.log(JSON.stringify(opts).slice(0,40), sub.length, zlib.deflateSync(sub).length, (performance.now()-t).toFixed(0));
}
const sub = await subsetFont(buf, text, {targetFormat:'truetype', noHinting:true});
import fontkit from '@pdf-lib/fontkit';
const f=fontkit.create(sub); console.log(Object.keys(f.directory.tables).map(k=>k+':'+f.directory.tables[k].length).join(' '));
