import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import {
  BETTER_MAX,
  cleanPhrases,
  PHRASE_MAX,
  PHRASES_MAX,
  phraseProblems,
  type PhraseRow,
} from '../../../logic/phraseList';
import '../../components/report.css';

const TEXT = {
  title: '服务禁语',
  hint: '员工写给业主看的每一段文字都会按这张清单检查；每条禁语旁写上建议的说法。',
  count: (n: number) => `共 ${n} 条（最多 ${PHRASES_MAX} 条）`,
  phrase: (i: number) => `第 ${i} 条 · 不能说`,
  phrasePlaceholder: '例如：这不归我们管',
  betterPlaceholder: '建议这样说',
  remove: '删除',
  add: '添加一条',
  save: '保存清单',
  saved: '服务禁语已保存',
  readOnly: '服务禁语由客服主管、项目经理和集团总部维护，您可以查看',
} as const;

interface PhraseList {
  items: PhraseRow[];
  editable: boolean;
  max: number;
}

/** 服务禁语 (manager sub-package): the company's list of phrases staff must not say, with the better wording. */
export default function PhrasesPage() {
  const [data, setData] = useState<PhraseList | null>(null);
  const [rows, setRows] = useState<PhraseRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const load = () => {
    setError(null);
    api
      .get<PhraseList>('/api/forbidden-phrases')
      .then((d) => {
        setData(d);
        setRows(d.items.map((r) => ({ ...r })));
      })
      .catch((e) => setError(errorMessage(e)));
  };
  useEffect(load, []);

  const edit = (i: number, patch: Partial<PhraseRow>) =>
    setRows((rs) => rs.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const problems = phraseProblems(rows);
  const save = async () => {
    if (busy || problems.length) return; // a disabled button can still be tapped on some clients
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api.put<PhraseList>('/api/forbidden-phrases', { items: cleanPhrases(rows) });
      setData(saved);
      setRows(saved.items.map((r) => ({ ...r })));
      Taro.showToast({ title: TEXT.saved, icon: 'success' });
      setMessage(TEXT.saved);
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!data) return <LoadState error={error} onRetry={load} />;
  const editable = data.editable;
  return (
    <View className="report-page phrases-page">
      <View className="section">
        <Text className="section__title">{TEXT.title}</Text>
        <Text className="hint">{editable ? TEXT.hint : TEXT.readOnly}</Text>
        <Text className="hint phrases-page__count">{TEXT.count(rows.length)}</Text>
      </View>
      {rows.map((r, i) => (
        <View key={i} className="section phrases-page__row">
          <Text className="report-item__line">{TEXT.phrase(i + 1)}</Text>
          {editable ? (
            <>
              <Input
                className="input phrases-page__phrase"
                maxlength={PHRASE_MAX}
                placeholder={TEXT.phrasePlaceholder}
                value={r.phrase}
                onInput={(e) => edit(i, { phrase: e.detail.value })}
              />
              <Textarea
                className="input phrases-page__better"
                maxlength={BETTER_MAX}
                autoHeight
                placeholder={TEXT.betterPlaceholder}
                value={r.better}
                onInput={(e) => edit(i, { better: e.detail.value })}
              />
              <Button
                className="outline-button phrases-page__remove"
                size="mini"
                onClick={() => setRows((rs) => rs.filter((_, n) => n !== i))}
              >
                {TEXT.remove}
              </Button>
            </>
          ) : (
            <>
              <Text className="report-item__line phrases-page__phrase">“{r.phrase}”</Text>
              <Text className="hint phrases-page__better">{r.better}</Text>
            </>
          )}
        </View>
      ))}
      {editable && (
        <View className="section">
          <Button
            className="outline-button phrases-page__add"
            disabled={rows.length >= PHRASES_MAX || undefined}
            onClick={() => setRows((rs) => [...rs, { phrase: '', better: '' }])}
          >
            {TEXT.add}
          </Button>
          {problems.map((p) => (
            <Text key={p} className="hint phrases-page__problem">
              {p}
            </Text>
          ))}
          <Button
            className="primary-button phrases-page__save"
            disabled={busy || problems.length > 0 || undefined}
            onClick={save}
          >
            {TEXT.save}
          </Button>
          {message && <Text className="hint phrases-page__message">{message}</Text>}
        </View>
      )}
    </View>
  );
}
