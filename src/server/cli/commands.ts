import path from 'node:path';
import { parseArgs } from 'node:util';
import { passwordSchema, problemText, problemTextVi, roleSchema, slugId, type Role } from '../../shared';
import { countAccounts, findAccountByUsername, listAccounts, setAccountDisabled, setPasswordHash } from '../db/accounts';
import { deleteAssignment, upsertAssignment } from '../db/assignments';
import { appendAudit } from '../db/audit';
import { getCampaign, setCampaignState } from '../db/campaigns';
import { databaseUrlSetting } from '../config';
import { migrateToLatest, type Db } from '../db/database';
import { openDatabase, UnsuitableDatabaseError } from '../db/open';
import { announce, REGISTRY_CHANNEL } from '../db/notify';
import { revokeAccountSessions } from '../db/sessions';
import { BackupError } from '../services/backup/backup-error';
import { readCampaignFolder } from '../definitions/read-campaign';
import { createAccount } from '../services/auth';
import { CampaignLoadError, loadCampaign } from '../services/campaign-loader';
import { CampaignRegistry } from '../services/campaign-registry';
import { generatePassword, hashPassword } from '../services/crypto';
import { CopyError, copyToPostgres } from '../services/copy-to-postgres';
import { backupCommand, restoreCommand } from './backup-commands';

const HELP = `Cách dùng: npx phieu <lệnh> [tuỳ chọn]   (dữ liệu trong PHIEU_DATA_DIR, mặc định ./data; PostgreSQL nếu có PHIEU_DATABASE_URL)

  init --admin U [--name "Tên"]                   lần chạy đầu: tạo tài khoản Sở Nội vụ đầu tiên (mật khẩu in một lần)
  load-campaign <thư mục>                         nạp hoặc cập nhật một kỳ đánh giá (an toàn khi chạy lại)
  campaign-state <mã kỳ> <draft|open|closed>      mở hoặc đóng kỳ đánh giá
  add-account --username U --name "Tên" --role R [--unit ĐV] [--campaign K] [--password P]
                                                  R: admin | coordinator | surveyor | council | staff
  reset-password --username U [--password P]      đặt lại mật khẩu (in ra nếu tự sinh) và thu hồi mọi phiên
  revoke-sessions --username U                    đăng xuất tài khoản trên mọi thiết bị
  disable-account --username U / enable-account --username U
  assign --username U --unit ĐV --group NHÓM [--allocation N] [--campaign K]
  unassign --username U --unit ĐV --group NHÓM [--campaign K]
  list-accounts
  backup <thư mục>                                sao lưu (cơ sở dữ liệu, tài liệu kiểm chứng, manifest.json) vào một thư mục
                                                  con mới phieu-<giờ UTC>; chạy được khi máy chủ đang chạy và đồng bộ
  restore <bản sao lưu> [--data THƯ_MỤC]          khôi phục vào thư mục dữ liệu trống hoặc chưa có (mặc định PHIEU_DATA_DIR), có kiểm tra
  copy-to-postgres <postgres://…> [--data THƯ_MỤC]
                                                  chép thư mục dữ liệu SQLite (mặc định PHIEU_DATA_DIR) sang một cơ sở dữ
                                                  liệu PostgreSQL trống, có kiểm tra; dừng máy chủ trước khi chép

Khởi động lại máy chủ sau load-campaign hoặc campaign-state để máy chủ thấy thay đổi (với PostgreSQL, máy chủ tự nạp lại).`;

class UsageError extends Error {}

/** A password given on the command line follows the same rule as the API's (10 to 256 characters). */
function givenPassword(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const checked = passwordSchema.safeParse(value);
  if (!checked.success) throw new UsageError(`--password: ${checked.error.issues[0]?.message ?? ''}`);
  return checked.data;
}

function need(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`Thiếu --${name}`);
  return value;
}

async function accountId(db: Db, username: string): Promise<string> {
  const a = await findAccountByUsername(db, username);
  if (!a) throw new UsageError(`Không có tài khoản "${username}"`);
  return a.id;
}

async function campaignFor(db: Db, explicit: string | undefined): Promise<string> {
  const registry = new CampaignRegistry(db);
  await registry.reload();
  const c = explicit ? registry.get(explicit) : registry.current();
  if (!c) throw new UsageError(explicit ? `Không có kỳ đánh giá "${explicit}"` : 'Chưa nạp kỳ đánh giá nào: chạy load-campaign trước');
  return c.bundle.campaign.id;
}

export async function run(argv: string[], out: (line: string) => void = console.log): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      group: { type: 'string' },
      campaign: { type: 'string' },
      password: { type: 'string' },
      allocation: { type: 'string' },
      admin: { type: 'string' },
      data: { type: 'string' },
    },
  });
  if (!command || command === 'help' || command === '--help') {
    out(HELP);
    return;
  }
  const dataDir = path.resolve(process.env.PHIEU_DATA_DIR ?? 'data');
  const databaseUrl = (() => {
    try {
      return databaseUrlSetting(process.env.PHIEU_DATABASE_URL);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  })();
  if (command === 'copy-to-postgres') {
    const url = need(positionals[0], 'postgres://…');
    const from = values.data ? path.resolve(values.data) : dataDir;
    out(`Chép ${from} sang PostgreSQL…`);
    const started = Date.now();
    const r = await copyToPostgres(from, url, out).catch((e: unknown) => {
      throw e instanceof CopyError || e instanceof UnsuitableDatabaseError ? new UsageError(e.message) : e;
    });
    const rows = r.tables.reduce((n, t) => n + t.rows, 0);
    out(
      `Đã chép và kiểm tra ${rows} dòng của ${r.tables.length} bảng và ${r.evidence.copied} tệp (${r.evidence.bytes} byte) trong ${((Date.now() - started) / 1000).toFixed(1)} giây.`,
    );
    for (const h of r.evidence.missing) out(`  Thiếu tệp ${h} trong thư mục evidence: không chép được.`);
    for (const h of r.evidence.damaged) out(`  Tệp ${h} trong thư mục evidence bị hỏng (sai mã băm): không chép.`);
    out('Khởi động máy chủ với PHIEU_DATABASE_URL trỏ tới cơ sở dữ liệu này để dùng nó.');
    return;
  }
  if (command === 'backup' || command === 'restore') {
    if (databaseUrl)
      throw new UsageError(
        `${command} sao lưu cơ sở dữ liệu SQLite nhúng. Với PostgreSQL (PHIEU_DATABASE_URL), dùng pg_dump hoặc sao lưu theo thời điểm của dịch vụ PostgreSQL (xem README).`,
      );
    const folder = need(positionals[0], command === 'backup' ? 'thư mục' : 'bản sao lưu');
    try {
      if (command === 'backup') await backupCommand(dataDir, folder, out);
      else await restoreCommand(folder, values.data ? path.resolve(values.data) : dataDir, out);
    } catch (e) {
      if (e instanceof BackupError) throw new UsageError(problemText(problemTextVi, e.problem));
      throw e;
    }
    return;
  }
  const handle = await openDatabase({ dataDir, databaseUrl }).catch((e: unknown) => {
    throw e instanceof UnsuitableDatabaseError ? new UsageError(e.message) : e;
  });
  const db = handle.db;
  const now = new Date();
  try {
    await migrateToLatest(db);
    switch (command) {
      case 'init': {
        // The first Home Affairs account of a production start, which creates no sample accounts (config.ts).
        const username = need(values.admin, 'admin');
        if (!/^[a-z0-9._-]{3,64}$/.test(username)) throw new UsageError('--admin: 3–64 ký tự thường không dấu, số, ".", "_" hoặc "-"');
        if ((await countAccounts(db)) > 0) {
          throw new UsageError('Cơ sở dữ liệu đã có tài khoản: init chỉ dùng lần đầu. Dùng add-account --role admin để thêm quản trị.');
        }
        const password = generatePassword();
        await createAccount(db, { username, displayName: values.name ?? username, role: 'admin', password }, now);
        await appendAudit(db, {
          at: now.toISOString(),
          actorId: null,
          action: 'account.create',
          subject: `account:${username}`,
          detail: { role: 'admin', via: 'cli init' },
        });
        out(`Đã tạo tài khoản quản trị ${username}. Mật khẩu (chỉ in một lần, hãy lưu lại): ${password}`);
        return;
      }
      case 'load-campaign': {
        const dir = path.resolve(need(positionals[0], 'thư mục'));
        const folder = await readCampaignFolder(dir);
        if (!folder.bundle) {
          throw new UsageError(
            `${dir} có lỗi:\n${folder.issues.map((i) => `  ${i.file} › ${i.path}: ${i.message}\n    → ${i.fix}`).join('\n')}`,
          );
        }
        const r = await loadCampaign(db, folder.bundle, now);
        await announce(db, REGISTRY_CHANNEL);
        out(
          r.created
            ? `Đã tạo kỳ đánh giá ${r.campaignId} (${r.questionnairesAdded.length} phiếu điều tra)`
            : `Đã cập nhật ${r.campaignId}: định nghĩa ${r.definitionChanged ? 'thay đổi' : 'không đổi'}, phiếu mới: ${r.questionnairesAdded.join(', ') || 'không'}, phiếu thay nội dung: ${r.questionnairesReplaced.join(', ') || 'không'}`,
        );
        return;
      }
      case 'campaign-state': {
        const [id, state] = positionals;
        const parsed = ['draft', 'open', 'closed'].includes(state ?? '') ? (state as 'draft' | 'open' | 'closed') : undefined;
        if (!id || !parsed) throw new UsageError('Cách dùng: campaign-state <mã kỳ> <draft|open|closed>');
        if (!(await getCampaign(db, id))) throw new UsageError(`Không có kỳ đánh giá "${id}"`);
        await setCampaignState(db, id, parsed, now.toISOString());
        await appendAudit(db, {
          at: now.toISOString(),
          actorId: null,
          action: 'campaign.state',
          subject: `campaign:${id}`,
          detail: { state: parsed, via: 'cli' },
        });
        await announce(db, REGISTRY_CHANNEL); // servers on PostgreSQL reload at once; sync reads the state itself
        out(`Kỳ đánh giá ${id}: ${parsed}`);
        return;
      }
      case 'add-account': {
        const role = roleSchema.safeParse(values.role);
        if (!role.success) throw new UsageError('--role phải là admin, coordinator, surveyor, council hoặc staff');
        const username = need(values.username, 'username');
        if (!/^[a-z0-9._-]{3,64}$/.test(username)) throw new UsageError('--username: 3–64 ký tự thường không dấu, số, ".", "_" hoặc "-"');
        if (await findAccountByUsername(db, username)) throw new UsageError(`Tài khoản "${username}" đã có`);
        const campaignId = await campaignFor(db, values.campaign);
        if ((role.data === 'coordinator' || role.data === 'staff') && !values.unit)
          throw new UsageError('Đầu mối và cán bộ đơn vị cần --unit');
        if (values.unit) await checkUnit(db, campaignId, values.unit);
        const password = givenPassword(values.password) ?? generatePassword();
        await createAccount(
          db,
          { username, displayName: values.name ?? username, role: role.data as Role, password, unitId: values.unit ?? null, campaignId },
          now,
        );
        await appendAudit(db, {
          at: now.toISOString(),
          actorId: null,
          action: 'account.create',
          subject: `account:${username}`,
          detail: { role: role.data, unit: values.unit ?? null, via: 'cli' },
        });
        out(`Đã tạo tài khoản ${username} (${role.data})${values.password ? '' : `, mật khẩu: ${password}`}`);
        return;
      }
      case 'reset-password': {
        const username = need(values.username, 'username');
        const id = await accountId(db, username);
        const password = givenPassword(values.password) ?? generatePassword();
        await setPasswordHash(db, id, await hashPassword(password));
        const revoked = await revokeAccountSessions(db, id, now.toISOString());
        await appendAudit(db, {
          at: now.toISOString(),
          actorId: null,
          action: 'account.reset-password',
          subject: `account:${username}`,
          detail: { via: 'cli' },
        });
        out(`Đã đặt lại mật khẩu ${username}${values.password ? '' : `: ${password}`}; thu hồi ${revoked} phiên`);
        return;
      }
      case 'revoke-sessions': {
        const username = need(values.username, 'username');
        const n = await revokeAccountSessions(db, await accountId(db, username), now.toISOString());
        await appendAudit(db, {
          at: now.toISOString(),
          actorId: null,
          action: 'account.revoke-sessions',
          subject: `account:${username}`,
          detail: { sessions: n, via: 'cli' },
        });
        out(`Đã thu hồi ${n} phiên của ${username}`);
        return;
      }
      case 'disable-account':
      case 'enable-account': {
        const username = need(values.username, 'username');
        const id = await accountId(db, username);
        const disable = command === 'disable-account';
        await setAccountDisabled(db, id, disable ? now.toISOString() : null);
        if (disable) await revokeAccountSessions(db, id, now.toISOString());
        await appendAudit(db, {
          at: now.toISOString(),
          actorId: null,
          action: `account.${disable ? 'disable' : 'enable'}`,
          subject: `account:${username}`,
          detail: { via: 'cli' },
        });
        out(`${disable ? 'Đã khoá' : 'Đã mở'} tài khoản ${username}`);
        return;
      }
      case 'assign':
      case 'unassign': {
        const username = need(values.username, 'username');
        const account = await findAccountByUsername(db, username);
        if (!account) throw new UsageError(`Không có tài khoản "${username}"`);
        if (account.role !== 'surveyor') throw new UsageError(`"${username}" không phải điều tra viên`);
        const campaignId = await campaignFor(db, values.campaign);
        const unit = need(values.unit, 'unit');
        const group = need(values.group, 'group');
        await checkCell(db, campaignId, unit, group);
        if (command === 'unassign') {
          await deleteAssignment(db, campaignId, account.id, unit, group);
          out(`Đã bỏ phân công ${username}: ${unit} × ${group}`);
        } else {
          const allocation = values.allocation === undefined ? null : Number(values.allocation);
          if (allocation !== null && (!Number.isInteger(allocation) || allocation < 0))
            throw new UsageError('--allocation phải là số nguyên không âm');
          await upsertAssignment(db, {
            campaign_id: campaignId,
            surveyor_id: account.id,
            unit_id: unit,
            group_id: group,
            allocation,
            created_at: now.toISOString(),
          });
          out(`Đã phân công ${username}: ${unit} × ${group}${allocation === null ? '' : ` (${allocation} phiếu)`}`);
        }
        await appendAudit(db, {
          at: now.toISOString(),
          actorId: null,
          action: `assignment.${command}`,
          subject: `account:${username}`,
          detail: { campaignId, unit, group, allocation: values.allocation ?? null, via: 'cli' },
        });
        return;
      }
      case 'list-accounts': {
        for (const a of await listAccounts(db)) {
          out(
            `${a.username.padEnd(16)} ${a.role.padEnd(12)} ${(a.unit_id ?? '').padEnd(28)} ${a.disabled_at ? 'đã khoá' : ''}${a.display_name}`,
          );
        }
        return;
      }
      default:
        throw new UsageError(`Không có lệnh "${command}".\n\n${HELP}`);
    }
  } finally {
    await handle.close();
  }
}

async function checkUnit(db: Db, campaignId: string, unit: string): Promise<void> {
  const registry = new CampaignRegistry(db);
  await registry.reload();
  if (!slugId.safeParse(unit).success || !registry.get(campaignId)?.units.has(unit))
    throw new UsageError(`Kỳ đánh giá ${campaignId} không có đơn vị "${unit}"`);
}

async function checkCell(db: Db, campaignId: string, unit: string, group: string): Promise<void> {
  const registry = new CampaignRegistry(db);
  await registry.reload();
  const c = registry.get(campaignId);
  const u = c?.units.get(unit);
  const g = c?.groups.get(group);
  if (!u) throw new UsageError(`Kỳ đánh giá ${campaignId} không có đơn vị "${unit}"`);
  if (!g) throw new UsageError(`Kỳ đánh giá ${campaignId} không có đối tượng "${group}"`);
  if (g.ratesLevel !== u.level) throw new UsageError(`Đối tượng "${group}" không đánh giá cấp của "${unit}"`);
}

export { UsageError, CampaignLoadError };
