import path from 'node:path';
import { summarize, type CampaignSummary } from '../../shared';
import { listCampaignFolders, readCampaignFolder } from '../definitions/read-campaign';

const fmt = new Intl.NumberFormat('vi-VN');

function printSummary(s: CampaignSummary): void {
  console.log(`✔ ${s.id} — ${s.name}`);
  for (const l of s.unitsPerLevel) console.log(`  ${l.name} (${l.level}): ${l.units} đơn vị`);
  console.log(`  Phiếu điều tra: ${s.questionnaires.length}`);
  for (const q of s.questionnaires) console.log(`    ${q.id} v${q.version} [${q.groups.join(', ')}]: ${q.questions} câu hỏi`);
  console.log('  Số phiếu theo đối tượng:');
  for (const g of s.quotaPerGroup) console.log(`    ${g.group} (${g.level}): ${fmt.format(g.target)} — ${g.name}`);
  for (const l of s.quotaPerLevel) console.log(`  Tổng cấp ${l.level}: ${fmt.format(l.target)}`);
  console.log(`  Tổng cộng: ${fmt.format(s.quotaTotal)} phiếu`);
}

/**
 * `npm run definitions:check [folder …]`: validates every campaign under survey-definitions/ (or the folders
 * given) and prints a summary of each. Exits 1 if any is broken, naming the file, the path and the fix.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const folders = args.length > 0 ? args.map((a) => path.resolve(a)) : await listCampaignFolders(path.resolve('survey-definitions'));
  if (folders.length === 0) {
    console.error('Không tìm thấy kỳ đánh giá nào (thư mục có campaign.json) trong survey-definitions/');
    process.exitCode = 1;
    return;
  }
  let broken = 0;
  for (const dir of folders) {
    const result = await readCampaignFolder(dir);
    if (result.bundle) {
      printSummary(summarize(result.bundle));
      continue;
    }
    broken += 1;
    console.error(`✘ ${path.relative(process.cwd(), dir) || dir}: ${result.issues.length} lỗi`);
    for (const i of result.issues) {
      console.error(`  ${i.file}${i.path ? ` › ${i.path}` : ''}: ${i.message}\n    → ${i.fix}`);
    }
  }
  if (broken > 0) process.exitCode = 1;
}

await main();
