/**
 * The personal-data check's corpus: texts as staff write them (or as leaks were seen), each with
 * exactly what the check must find in it, and texts it must leave alone. Add to it whenever a leak
 * gets through or a warning is wrong; pii.test.ts runs all of it.
 */
import type { PiiKind } from '../../worker/cases/pii.ts';

export type Expected = [kind: PiiKind, piece: string][];

/** Blocking findings: each of these reached /outcomes, RSS, JSON or CSV before the check knew them. */
export const BLOCKING: [text: string, expected: Expected][] = [
  // The notice that went out as admin.
  ['如有疑问请联系张三，电话13800138000，身份证11010519491231002X', [['possible_name', '张三'], ['phone', '13800138000'], ['id_card', '11010519491231002X']]],
  // Phones split across lines, by invisible characters, slashes and commas, in other digits and numerals.
  ['回访电话138\n0013\n8000。', [['phone', '138\n0013\n8000']]],
  ['回访电话1380013\r\n8000。', [['phone', '1380013\r\n8000']]],
  ['请拨1\u200B3\u200B8\u200B0\u200B0\u200B1\u200B3\u200B8\u200B0\u200B0\u200B0咨询', [['phone', '1\u200B3\u200B8\u200B0\u200B0\u200B1\u200B3\u200B8\u200B0\u200B0\u200B0']]],
  ['电话138\u00AD0013\u00AD8000', [['phone', '138\u00AD0013\u00AD8000']]],
  ['电话138/0013/8000', [['phone', '138/0013/8000']]],
  ['电话138，0013，8000', [['phone', '138，0013，8000']]],
  ['电话 138 / 0013 / 8000', [['phone', '138 / 0013 / 8000']]],
  ['电话幺三八零零一三八零零零', [['phone', '幺三八零零一三八零零零']]],
  ['电话一三八 〇〇一三 八〇〇〇', [['phone', '一三八 〇〇一三 八〇〇〇']]],
  ['电话壹叁捌零零壹叁捌零零零', [['phone', '壹叁捌零零壹叁捌零零零']]],
  ['电话١٣٨٠٠١٣٨٠٠٠', [['phone', '١٣٨٠٠١٣٨٠٠٠']]],
  ['电话१३८००१३८०००', [['phone', '१३८००१३८०००']]],
  ['电话𝟏𝟑𝟖𝟎𝟎𝟏𝟑𝟖𝟎𝟎𝟎', [['phone', '𝟏𝟑𝟖𝟎𝟎𝟏𝟑𝟖𝟎𝟎𝟎']]],
  ['电话①③⑧⓪⓪①③⑧⓪⓪⓪', [['phone', '①③⑧⓪⓪①③⑧⓪⓪⓪']]],
  // ID card numbers split by a line break, and the 15-digit form.
  ['身份证110105\n19491231002X已核对', [['id_card', '110105\n19491231002X']]],
  ['身份证 11010519\n491231002X', [['id_card', '11010519\n491231002X']]],
  ['身份证号110105491231002', [['id_card', '110105491231002']]],
  ['证件号码３７１１０２８５０６１２３０１', [['id_card', '３７１１０２８５０６１２３０１']]],
  // Handles.
  ['邮箱zhangsan@163.com', [['email', 'zhangsan@163.com']]],
  ['请发到 li.si_2026@qq.com。', [['email', 'li.si_2026@qq.com']]],
  ['邮箱wangwu＠126.com', [['email', 'wangwu＠126.com']]],
  ['邮箱 zhaoliu(at)sina.com', [['email', 'zhaoliu(at)sina.com']]],
  ['Write to zhang.san@example.org for details.', [['email', 'zhang.san@example.org']]],
  ['可加QQ 123456789沟通', [['qq', '123456789']]],
  ['QQ号：87654321', [['qq', '87654321']]],
  ['扣扣1234567890', [['qq', '1234567890']]],
  ['微信：zhangsan88', [['wechat', 'zhangsan88']]],
  ['加vx zs_123456', [['wechat', 'zs_123456']]],
  ['微信号 wxid-abc123', [['wechat', 'wxid-abc123']]],
  ['WeChat ID: Li_Si2026', [['wechat', 'Li_Si2026']]],
  ['微信13912345678', [['wechat', '13912345678']]],
  // Licence plates.
  ['车牌湘A12345的车辆', [['plate', '湘A12345']]],
  ['湘A·D12345', [['plate', '湘A·D12345']]],
  ['停着一辆京Ｂ８８８８８', [['plate', '京Ｂ８８８８８']]],
  ['粤b 1234f', [['plate', '粤b 1234f']]],
  ['湘A12345F号新能源车', [['plate', '湘A12345F']]],
  // Houses pointed at by their place, and whose they are.
  ['村东头第三户老王家', [['address', '东头第三户老王家']]],
  ['二组西边第2户', [['address', '西边第2户']]],
  ['住在村口第一家', [['address', '口第一家']]],
  ['组里第二家老李家的院墙', [['address', '里第二家老李家']]],
  ['长岭路往北第五户', [['address', '往北第五户']]],
];

/** Findings to confirm: likely names and nicknames; they never block on their own. */
export const TO_CONFIRM: [text: string, expected: Expected][] = [
  ['村民王某反映路灯损坏', [['alias', '王某']]],
  ['经查，李某某的宅基地手续齐全', [['alias', '李某某']]],
  ['欧阳某某参加了会议', [['alias', '欧阳某某']]],
  ['老王家门前的路灯已修好', [['household', '老王家']]],
  ['村民李小明反映', [['possible_name', '李小明']]],
  ['反映人：赵四', [['possible_name', '赵四']]],
  ['群众黄大伟来电', [['possible_name', '黄大伟']]],
  ['举报人孙红多次来访', [['possible_name', '孙红']]],
  ['村民王老汉家的院墙', [['possible_name', '王老汉']]],
  ['张三同志的意见已采纳', [['possible_name', '张三']]],
  ['刘大爷的低保已恢复', [['possible_name', '刘大爷']]],
  ['李女士已收到答复', [['possible_name', '李女士']]],
  ['the villager Zhang San said', [['possible_name', 'Zhang San']]],
  ['Mr Wang was told the result', [['possible_name', 'Wang']]],
  // Split or traditional, the same signs.
  ['村民張小明反映', [['possible_name', '張小明']]],
  ['村民李\u200B小明反映', [['possible_name', '李\u200B小明']]],
  ['陳某某已退回款項', [['alias', '陳某某']]],
];

/** Texts that must give no finding at all, not even one to confirm. */
export const CLEAN: string[] = [
  // Case numbers, document numbers, dates, amounts, counts.
  '案件编号CL-2026-000123已办结。',
  '按照长岭发〔2026〕3号文件要求整改。',
  '依据长岭纪发〔2026〕12号、长岭政办〔2025〕7号执行。',
  '2026年11月26日召开村民代表大会。',
  '2026/11/26召开会议，2026-11-28完成回访。',
  '拨付资金1,380,013,800元。',
  '补助13,800,138,000',
  '工程款15000000元，已支付1380013800元。',
  '全村120户、三组35户村民已知晓。',
  '办结率100%，群众满意度98.5%。',
  '2025-2026年度共受理信访事项37件，其中第3号已公开。',
  '二〇二六年十一月二十六日',
  '共计一千三百八十万元',
  '第二季度共办结一百二十三件。',
  '村里第三季度的收支已公开。',
  '村民小组第3次会议',
  '12345政务服务便民热线',
  '请致电12345热线反映。',
  // Words that begin with a surname, after the words that usually come before a name.
  '村民代表大会一致通过。',
  '群众反映的问题已解决。',
  '反映人对处理结果表示满意。',
  '村民小组长到场。',
  '举报人要求保密，已依规处理。',
  '联系方式已在村务公开栏公布。',
  '请联系村委会或镇纪委。',
  '群众高度评价。',
  '村民严重不满，镇里已督办。',
  '村民普遍反映路灯不亮。',
  '居民区的路灯已修复。',
  '村民向镇里反映了情况。',
  '村民于11月26日反映。',
  '村民方便了，群众利益无小事。',
  '群众关心的问题已答复。',
  '联系相关部门后，当事人双方达成和解。',
  '家属要求赔偿，农户自愿参加，户主签字确认。',
  '村民马上赶到现场。',
  '村民陈述了经过。',
  '业主委员会已成立，证人证言已调取。',
  '坚持群众路线，推进村民自治。',
  '高龄老人、空巢老人和留守儿童的走访已完成。',
  '施工师傅和电工师傅当天到场。',
  '某些村民对某单位不满，于某日反映。',
  // Village and place names with surnames in them.
  '王家屯、李家庄和张家湾的道路已硬化。',
  '老人家门口的路灯已修好。',
  '路口第一家便利店已整改。',
  '村民曾经反映过，曾多次来访。',
  '湘江边的护栏已修复，京港澳高速出口已设置指示牌。',
  // Chat tools named without an id.
  '通过微信公众号和QQ群发布通知。',
  '请加入村里的微信群。',
  'The town posts notices in WeChat groups.',
  // English.
  'Residents of Qinglian Village said the lights were fixed on 2026-11-26.',
  'Case CL-2026-000123 was closed in 3 working days.',
  'Document 长岭发〔2026〕3号 applies.',
  'The town paid 1,380,013,800 yuan for 120 households.',
  'Contact the village committee at its published number.',
  'Mr. Chairman, residents said the road is repaired.',
];
