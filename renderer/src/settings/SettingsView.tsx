/** #/settings: the office printed on task sheets and its agency list (set on first use, editable). */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import {
  agenciesToLines,
  duplicateAgencyMessage,
  duplicateAgencyNames,
  linesToAgencies,
  namelessAgencyMessage,
} from '../../../shared/tasks/agencies';
import { OFFICE_FIELD_MAX, type OfficeSettings } from '../../../shared/tasks/types';
import { ErrorMessage } from '../views/ErrorMessage';

export function SettingsView({ api }: { api: VanthuApi }) {
  const [form, setForm] = useState<OfficeSettings | null>(null);
  const [agencies, setAgencies] = useState('');
  const [firstUse, setFirstUse] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  /** What the clerk must fix before saving, said in words (the API would only answer «Yêu cầu không hợp lệ.»). */
  const [problem, setProblem] = useState<string | null>(null);
  /** Said under the agency list itself, where the line to fix is. */
  const [listProblem, setListProblem] = useState<string | null>(null);
  const agencyBox = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void api.getOfficeSettings({}).then((r) => {
      if (!r.ok) return setError(r.error);
      const current = r.value.settings ?? r.value.defaults;
      setFirstUse(r.value.settings === null);
      setForm(current);
      setAgencies(agenciesToLines(current.agencies));
    });
  }, [api]);

  // As the clerk types: a name on two lines silently went to the first agency only.
  const duplicates = useMemo(() => duplicateAgencyMessage(duplicateAgencyNames(agencies)), [agencies]);

  if (error && !form) return <ErrorMessage error={error} />;
  if (!form) return <p className="muted">Đang tải…</p>;
  const field = (
    key: 'officeName' | 'superiorBody' | 'province' | 'place' | 'signerTitle' | 'signerName',
    label: string,
  ) => (
    <label className="settings-field">
      {label}{' '}
      <input
        value={form[key]}
        maxLength={OFFICE_FIELD_MAX[key]}
        onChange={(e) => {
          setForm({ ...form, [key]: e.target.value });
          setSaved(false);
        }}
      />
    </label>
  );
  const save = async () => {
    setSaved(false);
    if (!form.officeName.trim()) {
      setProblem('Cần điền tên cơ quan lập phiếu (dòng in đậm trên phiếu).');
      return;
    }
    setProblem(null);
    const list = linesToAgencies(agencies);
    const nameless = namelessAgencyMessage(list.nameless);
    setListProblem(nameless);
    if (nameless) {
      agencyBox.current?.focus();
      return;
    }
    const r = await api.saveOfficeSettings({ settings: { ...form, agencies: list.agencies } });
    if (r.ok) {
      setForm(r.value);
      setAgencies(agenciesToLines(r.value.agencies));
      setFirstUse(false);
      setSaved(true);
      setError(null);
    } else setError(r.error);
  };
  return (
    <form
      className="settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>Thông tin cơ quan</h2>
      {firstUse && (
        <p className="warning">
          Lần đầu dùng phiếu giao việc: hãy kiểm tra thông tin dưới đây (đang là mẫu cấp huyện) rồi lưu.
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {field('superiorBody', 'Cơ quan cấp trên (dòng trên, ví dụ Huyện ủy Yên Thế)')}
      {field('officeName', 'Cơ quan lập phiếu (dòng in đậm, ví dụ Văn phòng)')}
      <label className="settings-field">
        Kiểu tiêu đề{' '}
        <select
          value={form.style}
          onChange={(e) => setForm({ ...form, style: e.target.value as OfficeSettings['style'] })}
        >
          <option value="party">Đảng (ĐẢNG CỘNG SẢN VIỆT NAM)</option>
          <option value="state">Nhà nước (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)</option>
        </select>
      </label>
      {field('province', 'Tỉnh')}
      {field('place', 'Địa danh ghi ở dòng ngày tháng')}
      {field('signerTitle', 'Chức danh người ký')}
      {field('signerName', 'Họ tên người ký')}
      <label className="settings-field">
        Danh sách cơ quan, mỗi dòng: Tên | Viết tắt | bí danh; bí danh
        <textarea
          ref={agencyBox}
          rows={14}
          value={agencies}
          aria-invalid={listProblem ? true : undefined}
          aria-describedby={listProblem ? 'agency-list-problem' : undefined}
          data-testid="agency-lines"
          onChange={(e) => {
            setAgencies(e.target.value);
            setSaved(false);
          }}
        />
      </label>
      {listProblem && (
        <p className="error" role="alert" id="agency-list-problem" data-testid="agency-lines-problem">
          {listProblem}
        </p>
      )}
      {duplicates && (
        <p className="warning" data-testid="agency-lines-duplicates">
          {duplicates}
        </p>
      )}
      <button type="submit" className="button primary">
        Lưu
      </button>
      {saved && <span role="status"> Đã lưu.</span>}
    </form>
  );
}
