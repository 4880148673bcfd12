/**
 * Strings of the town clock as residents and staff meet it: overdue cases and what to do about
 * them, deadlines counted without a year's holidays, and the admin's warning that a year is missing.
 */
export const zh = {
  'track.overdue.flag': '已超期',
  'track.overdue.title': '已超过办理时限',
  'track.overdue.time_limit': '本件的办理时限是{deadline}，现已超期{days}。',
  'track.overdue.acceptance': '本件应在{deadline}前受理，现已超期{days}，还没有受理。',
  'track.overdue.days': '{n}个工作日',
  'track.overdue.lessThanDay': '不到1个工作日',
  'track.overdue.weekly': '超期的案件会列入镇纪委每周调度的超期清单。您还可以：',
  'track.overdue.you': '您可以：',
  'track.overdue.takeOver': '请镇里接手办理：',
  'track.overdue.report': '向{body}反映办理超期：',
  'track.overdue.contact': '电话 {phone}（{hours}），地址：{address}。',
  'track.overdue.named': '{office}，{contact}',
  'track.overdue.caseNumber': '只需报上案件编号 {number}，不必留姓名。不要把查询码告诉任何人，工作人员也不需要它。',
  'process.overdue.title': '超过办理时限怎么办',
  'process.overdue.text': '超过时限的案件会列入镇纪委每周调度的超期清单，查询页也会写明已超期几个工作日。您可以请镇里接手办理，或向{body}反映办理超期，只需报上案件编号：',
  'deadline.provisional': '（暂定：{year}年的节假日安排尚未录入，暂按周一至周五计算工作日）',
  'calendar.warning.ahead': '{year}年的法定节假日和调休安排还没有录入。从{year}年1月1日起，工作日将暂按周一至周五计算，春节等假期也会被算作工作日，落在{year}年的办理时限都只是暂定的。',
  'calendar.warning.started': '{year}年的法定节假日和调休安排还没有录入：现在工作日暂按周一至周五计算，节假日也被算作工作日，{year}年的办理时限都只是暂定的。',
  'calendar.warning.todo': '国务院办公厅公布{year}年部分节假日安排的通知后，请把通知转给本站的系统运维人员，由其录入{year}年的放假和调休上班日期并重新部署（见运维手册 docs/operating.md 第3节“录入下一年的法定节假日”）。录入后这条提醒自动消失，工作台里不需要做任何操作。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'track.overdue.flag': 'Overdue',
  'track.overdue.title': 'Past its deadline',
  'track.overdue.time_limit': 'This case was to be dealt with by {deadline}: it is now {days} overdue.',
  'track.overdue.acceptance': 'This case was to be accepted by {deadline}: it is now {days} overdue, and still not accepted.',
  'track.overdue.days': '{n} {n|working day|working days}',
  'track.overdue.lessThanDay': 'less than a working day',
  'track.overdue.weekly': 'Overdue cases are on the list the discipline committee goes through at its weekly scheduling meeting. You can also:',
  'track.overdue.you': 'You can:',
  'track.overdue.takeOver': 'Ask the town to take the case over: ',
  'track.overdue.report': 'Tell the {body} that the case is overdue: ',
  'track.overdue.contact': 'telephone {phone} ({hours}), address: {address}.',
  'track.overdue.named': '{office}, {contact}',
  'track.overdue.caseNumber': 'Give the case number {number}: you need not give your name. Never tell anyone your query code: staff do not need it either.',
  'process.overdue.title': 'When a case runs past its deadline',
  'process.overdue.text': 'Cases past their deadline are on the list the discipline committee goes through every week, and the query page says by how many working days. You can ask the town to take the case over, or tell the {body} that it is overdue, giving only the case number:',
  'deadline.provisional': '(provisional: the {year} public holidays are not entered yet, so working days are counted Monday to Friday)',
  'calendar.warning.ahead': 'The public holidays and adjusted working days of {year} are not entered yet. From 1 January {year} working days will be counted Monday to Friday, the Spring Festival and other holidays included, and every deadline that falls in {year} is only provisional.',
  'calendar.warning.started': 'The public holidays and adjusted working days of {year} are not entered: working days are counted Monday to Friday, holidays included, and every deadline in {year} is only provisional.',
  'calendar.warning.todo': 'Once the State Council General Office publishes its notice on the {year} public holidays, pass the notice on to the site’s operator, who enters the {year} days off and adjusted working days and deploys the site again (section 3 of the operating guide, docs/operating.md, “Entering next year’s public holidays”). The warning then goes by itself: nothing needs doing in the console.',
};
