/**
 * Commander speaks English: its help headings, its own options and its usage errors. A clerk reads
 * Vietnamese, so the help and every usage error are translated here, and a usage error exits with
 * code 2 (the command was misused) instead of commander's 1 (which means "a file or lookup failed").
 */
import { Command, CommanderError, Help, InvalidArgumentError, type Option } from 'commander';
import { EXIT_UNUSABLE } from './common';

const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tùy chọn:',
  'Arguments:': 'Tham số:',
  'Commands:': 'Lệnh:',
  'Global Options:': 'Tùy chọn chung:',
};

function placeholders(usage: string): string {
  return usage.replace('[options]', '[tùy chọn]').replace('[command]', '[lệnh]');
}

/** The flag of an option as a clerk types it: "--sort <order>" → "--sort". */
function flagOf(flags: string): string {
  return flags.split(/[ ,|]+/).find((f) => f.startsWith('--')) ?? flags.split(/[ ,|]+/)[0] ?? flags;
}

const QUOTE_HINT =
  'Tham số có dấu cách phải đặt trong ngoặc kép, ví dụ: vanthu show "571 cv/tu" hoặc vanthu search "phong chong dich".';
const DASH_HINT =
  'Câu tìm kiếm hoặc số/ký hiệu bắt đầu bằng dấu "-" phải đặt sau "--", ví dụ: vanthu show -- "-CV/HU".';

/** Commander's English error text → the Vietnamese one (each line, suggestion included). */
export function translateUsageError(text: string): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  const out = lines.map((line) => {
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^error: unknown command '(.*)'$/)))
      return `Lỗi: không có lệnh "${m[1]}". Xem các lệnh: vanthu --help`;
    if ((m = line.match(/^error: unknown option '(.*)'$/)))
      return `Lỗi: không có tùy chọn "${m[1]}".` + (m[1]!.startsWith('--') ? '' : ` ${DASH_HINT}`);
    if ((m = line.match(/^error: missing required argument '(.*)'$/))) return `Lỗi: thiếu tham số <${m[1]}>.`;
    if ((m = line.match(/^error: option '(.*)' argument missing$/)))
      return `Lỗi: tùy chọn ${flagOf(m[1]!)} cần một giá trị.`;
    if ((m = line.match(/^error: required option '(.*)' not specified$/))) return `Lỗi: cần tùy chọn ${flagOf(m[1]!)}.`;
    if ((m = line.match(/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/)))
      return `Lỗi: tùy chọn ${flagOf(m[1]!)} không nhận "${m[2]}"; chỉ nhận: ${m[3]}.`;
    if ((m = line.match(/^error: option '(.*)' argument '(.*)' is invalid\. ([\s\S]*)$/)))
      return `Lỗi: tùy chọn ${flagOf(m[1]!)} không nhận "${m[2]}": ${m[3]}`;
    if ((m = line.match(/^error: command-argument value '(.*)' is invalid for argument '(.*)'\. ([\s\S]*)$/)))
      return `Lỗi: tham số <${m[2]}> không nhận "${m[1]}": ${m[3]}`;
    if ((m = line.match(/^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/)))
      return `Lỗi: thừa tham số: ${m[1] ? `lệnh ${m[1]}` : 'vanthu'} nhận ${m[2]} tham số, đã nhận ${m[3]}. ${QUOTE_HINT}`;
    if ((m = line.match(/^\(Did you mean (.*)\?\)$/))) return `(Có phải là ${m[1]}?)`;
    return line.replace(/^error: /, 'Lỗi: ');
  });
  return out.join('\n') + '\n';
}

/** Vietnamese help and usage errors for `program` and every command added to it afterwards. */
export function vietnameseUsage(program: Command, version: string): Command {
  return program
    .configureOutput({ outputError: (text, write) => write(translateUsageError(text)) })
    .configureHelp({
      styleTitle: (title) => TITLES[title] ?? title,
      commandUsage(this: Help, cmd: Command): string {
        return placeholders(Help.prototype.commandUsage.call(this, cmd));
      },
      subcommandTerm(this: Help, cmd: Command): string {
        return placeholders(Help.prototype.subcommandTerm.call(this, cmd));
      },
      optionDescription(this: Help, option: Option): string {
        return Help.prototype.optionDescription
          .call(this, option)
          .replace(/\(choices: /, '(chọn một trong: ')
          .replace(/(\(|, )default: /, '$1mặc định: ');
      },
    })
    .helpOption('-h, --help', 'hiện trợ giúp')
    .helpCommand('help [lệnh]', 'hiện trợ giúp của một lệnh')
    .version(version, '-V, --version', 'hiện số phiên bản')
    .exitOverride();
}

/** The exit code for commander's exit: 0 after --help or --version, 2 for a usage error. */
export function usageExitCode(error: unknown): number | null {
  if (!(error instanceof CommanderError)) return null;
  return error.exitCode === 0 ? 0 : EXIT_UNUSABLE;
}

/** An option value parser for whole numbers from `min` up: "abc", "1.5", "-3", "1e3" are refused. */
export function intOption(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value: string) => {
    const text = value.trim();
    const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `cần một số nguyên từ ${min} trở lên.`
          : `cần một số nguyên từ ${min} đến ${max}.`,
      );
    return n;
  };
}
