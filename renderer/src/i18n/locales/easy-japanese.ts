// やさしい日本語: short sentences, no honorifics, plain words, and a reading over every kanji
// (written {漢字|かんじ} and shown as ruby by renderer/src/components/EasyText.tsx), following the
// Immigration Services Agency's guideline (在留支援のためのやさしい日本語ガイドライン). Strings used as
// attributes (aria-label) carry no ruby markup.
import type { ja } from './ja.ts';

/** Every resident-facing string Japanese has, no more. */
type ResidentStrings = Pick<typeof ja, 'app' | 'idle' | 'resident'>;

export const easyJapanese = {
  app: { title: '{書|か}かない{窓口|まどぐち}', demo: 'デモ（ほんとうの カードでは ありません）', busy: 'しています…' },
  resident: {
    language: 'ことば / Language',
    textSize: { label: '{文字|もじ}の {大|おお}きさ', normal: 'ふつう', large: '{大|おお}きく', largest: 'もっと {大|おお}きく' },
    welcome: 'ようこそ',
    welcomeHint: '{職員|しょくいん}が {説明|せつめい}します。{画面|がめん}を {見|み}て ください。',
    pin: {
      title: 'マイナンバーカードの {暗証番号|あんしょうばんごう}（{数字|すうじ} 4つ）を {押|お}して ください',
      hint: 'あなたが {押|お}した {番号|ばんごう}は、{職員|しょくいん}の {画面|がめん}に {出|で}ません。',
      retries: 'あと {{count}} {回|かい} {押|お}せます',
      wrong: '{暗証番号|あんしょうばんごう}が ちがいます。もう {一度|いちど} {押|お}して ください。',
      lastTry:
        '{気|き}をつけて ください。つぎに まちがえると、カードが つかえなく なります。わからない ときは「やめる」を {押|お}して、{職員|しょくいん}に {言|い}って ください。',
      confirmLast: 'これで {最後|さいご}です。{送|おく}ります',
      blocked:
        '{暗証番号|あんしょうばんごう}が つかえなく なりました。{職員|しょくいん}が カードの {表|おもて}の {番号|ばんごう}（{照合番号|しょうごうばんごう}B）で つづけます。{暗証番号|あんしょうばんごう}は、きょう {区役所|くやくしょ}の マイナンバーカードの {窓口|まどぐち}で {新|あたら}しく できます。',
      lastTryBack: '{送|おく}らないで もどる',
      forgot:
        '{暗証番号|あんしょうばんごう}を {忘|わす}れた ときは「やめる」を {押|お}して、{職員|しょくいん}に {言|い}って ください。カードの {表|おもて}の {番号|ばんごう}で つづけられます。',
      entered: '{{count}} / 4 けた おしました',
      digit: 'すうじ {{digit}}',
      delete: '1つ けす',
      clear: 'ぜんぶ けす',
      submit: 'おわり',
      cancel: 'やめる',
      pad: 'あんしょうばんごう',
    },
    reading: 'カードを {読|よ}んで います。カードを とらないで ください。',
    cardProblem: { title: 'カードを {読|よ}めませんでした', hint: '{職員|しょくいん}が {説明|せつめい}します。すこし まって ください。' },
    confirm: {
      title: 'これで {手続|てつづ}きを します。{見|み}て ください。',
      next: 'ただしければ、まって ください。ちがう ところが あれば「ちがう ところが あります」を {押|お}して ください。',
      members: '{手続|てつづ}きを する {人|ひと}',
      address: '{住所|じゅうしょ}',
      birthDate: '{生|う}まれた {日|ひ}',
      relationship: '{家族|かぞく}の {関係|かんけい}',
      furigana: 'よみかた',
      name: '{名前|なまえ}',
      sex: '{男|おとこ}・{女|おんな}',
      sexes: { male: '{男|おとこ}', female: '{女|おんな}', 'not-applicable': '（カードに ありません）', unknown: '（わかりません）' },
      moveTitle: '{引|ひ}っ{越|こ}し',
      moveKind: '{引|ひ}っ{越|こ}しの しかた',
      moveDate: '{引|ひ}っ{越|こ}した {日|ひ}',
      kinds: {
        tennyu: 'ほかの {町|まち}から この {町|まち}へ',
        tenkyo: 'この {町|まち}の {中|なか}で',
        tenshutsu: 'この {町|まち}から ほかの {町|まち}へ',
      },
      previousAddress: '{前|まえ}の {住所|じゅうしょ}',
      newAddress: '{新|あたら}しい {住所|じゅうしょ}',
      notifier: '{届|とど}けを {出|だ}す {人|ひと}',
      relationships: {
        世帯主: '{家|いえ}の {代表|だいひょう}',
        妻: 'つま',
        夫: 'おっと',
        子: 'こども',
        父: 'ちち',
        母: 'はは',
        孫: 'まご',
        祖父: 'おじいさん',
        祖母: 'おばあさん',
        兄: 'あに',
        弟: 'おとうと',
        姉: 'あね',
        妹: 'いもうと',
        子の妻: 'こどもの つま',
        子の夫: 'こどもの おっと',
        妻の父: 'つまの ちち',
        妻の母: 'つまの はは',
        夫の父: 'おっとの ちち',
        夫の母: 'おっとの はは',
        同居人: 'いっしょに {住|す}む {人|ひと}',
        縁故者: 'しんせき',
      } as Record<string, string>,
    },
    correction: {
      button: 'ちがう ところが あります',
      which: 'どこが ちがいますか？',
      sections: {
        members: '{手続|てつづ}きを する {人|ひと}（{名前|なまえ}・{生|う}まれた {日|ひ}・{家族|かぞく}の {関係|かんけい}）',
        address: '{住所|じゅうしょ}',
        move: '{引|ひ}っ{越|こ}した {日|ひ}・しかた',
      },
      sent: '{職員|しょくいん}に「{{section}}」が ちがうと {伝|つた}えました。{職員|しょくいん}が {説明|せつめい}します。',
      back: 'もどる',
    },
    sign: {
      title: '{紙|かみ}に {名前|なまえ}を {書|か}いて ください',
      hint: '「✎ ご署名ください」と {書|か}いてある {太|ふと}い {四角|しかく}に、{名前|なまえ}を {書|か}いて ください。',
      boxes: '{名前|なまえ}を {書|か}く ところ {{count}} つ',
      next: '{名前|なまえ}を {書|か}いたら、{紙|かみ}を {職員|しょくいん}に わたして ください。',
      /** Around the form's explanation, and before the number of boxes (punctuation of the language). */
      explanation: '（{{text}}）',
      colon: '：',
      forms: {
        'jumin-ido': '{住所|じゅうしょ}が かわった ことを {知|し}らせる {紙|かみ}',
        'inkan-toroku': 'はんこを {登録|とうろく}する {紙|かみ}',
        'jidou-teate-jusho': 'こどもの お{金|かね}の {住所|じゅうしょ}を かえる {紙|かみ}',
        'jidou-teate-nintei': 'こどもの お{金|かね}を もらう ための {紙|かみ}',
        'jidou-teate-shometsu': 'こどもの お{金|かね}を もらわなく なる ときの {紙|かみ}',
        'kaigo-hoken': '{介護|かいご}の {保険|ほけん}の {住所|じゅうしょ}などを かえる {紙|かみ}',
        'kodomo-iryo-soshitsu': 'こどもの {病院|びょういん}の お{金|かね}の {助|たす}けが おわる ときの {紙|かみ}',
        'kodomo-iryo': 'こどもの {病院|びょういん}の お{金|かね}の {助|たす}けを もらう・{住所|じゅうしょ}を かえる {紙|かみ}',
        'kokuho-ido': '{国民健康保険|こくみんけんこうほけん}に {入|はい}る・{住所|じゅうしょ}を かえる {紙|かみ}',
        'kouki-koureisha': '75さい{以上|いじょう}の {人|ひと}の {健康保険|けんこうほけん}の {住所|じゅうしょ}を かえる {紙|かみ}',
        'mynumber-card': 'マイナンバーカードに {新|あたら}しい {住所|じゅうしょ}を {書|か}く {紙|かみ}',
        shugaku: 'こどもが {学校|がっこう}を かわる ときの {紙|かみ}',
      } as Record<string, string>,
    },
    done: {
      title: '{受付|うけつけ}が おわりました',
      ticket: '{番号|ばんごう}',
      hint: '{番号|ばんごう}は まちあいの {大|おお}きな {画面|がめん}に でます。{放送|ほうそう}でも よびます。',
      wait: '{待|ま}つ {時間|じかん}：だいたい {{low}}〜{{high}} {分|ふん}（こんでいると ながく なります）',
      receiptPrinting: '{紙|かみ}（{受付票|うけつけひょう}）を {印刷|いんさつ}して います。',
      receiptPrinted:
        '{紙|かみ}（{受付票|うけつけひょう}）を とって ください。{番号|ばんごう}と、このあと する ことが {書|か}いて あります。',
      receiptFailed:
        '{紙|かみ}（{受付票|うけつけひょう}）を {印刷|いんさつ}できませんでした。{職員|しょくいん}に {言|い}って ください。{番号|ばんごう}は {上|うえ}に あります。',
      /** One message about the card, from the 受付票's state: before it has printed, after, or failed. */
      card: {
        printing: '{紙|かみ}（{受付票|うけつけひょう}）が {出|で}るまで、カードは そのまま おいて ください。',
        printed: 'カードを とって ください。',
        failed: 'カードは とっても だいじょうぶです。',
      },
    },
  },
  idle: {
    title: 'しばらく {何|なに}も して いません',
    message: '{{seconds}} びょう あとで {画面|がめん}を けします。',
    continue: 'つづける',
  },
} satisfies ResidentStrings;
