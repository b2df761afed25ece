import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser, requireLogin } from '../../../services/session';
import type { ReplyCheck, ReplyTemplate } from '../../../services/types';
import { replaceAllWithBetter } from '../../../logic/replyWording';
import {
  TEMPLATE_CATEGORIES,
  canEditTemplates,
  draftProblem,
  groupTemplates,
  type TemplateDraft,
} from '../../../logic/replyTemplates';
import './index.css';

const TEXT = {
  empty: '还没有回复口径',
  add: '新增回复口径',
  edit: '修改回复口径',
  category: '分类',
  title: '标题',
  text: '回复内容',
  placeholders: '可用占位：{业主称呼} {工单号} {时间} {处理人}',
  save: '保存',
  saving: '保存中…',
  cancel: '取消',
  remove: '删除',
  removeConfirm: '确定删除这条回复口径吗？',
  saved: '已保存',
  readOnly: '回复口径由客服主管和项目经理维护',
  forbidden: '含有服务禁语',
  useBetter: '一键改为建议说法',
} as const;

/** 统一回复口径: the project's agreed wording per category; the lead and the PM edit it, with the 禁语 check. */
export default function RepliesPage() {
  const [list, setList] = useState<ReplyTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<TemplateDraft | null>(null);
  const [check, setCheck] = useState<ReplyCheck | null>(null);
  const [saving, setSaving] = useState(false);
  const editable = canEditTemplates(getUser()?.role);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = async () => {
    setError(null);
    try {
      setList(await api.get<ReplyTemplate[]>('/api/reply-templates'));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => {
    if (requireLogin()) load();
  });

  // The 禁语 check follows the text as it is typed (debounced).
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    if (!draft?.text.trim()) return setCheck(null);
    timer.current = setTimeout(() => {
      api
        .post<ReplyCheck>('/api/reply-check', { text: draft.text })
        .then(setCheck)
        .catch(() => setCheck(null));
    }, 400);
  }, [draft?.text]);

  const save = async () => {
    if (!draft || saving) return;
    const problem = draftProblem(draft);
    if (problem) return Taro.showToast({ title: problem, icon: 'none' });
    setSaving(true);
    try {
      const body = { category: draft.category, title: draft.title.trim(), text: draft.text.trim() };
      if (draft.id) await api.put(`/api/reply-templates/${draft.id}`, body);
      else await api.post('/api/reply-templates', body);
      Taro.showToast({ title: TEXT.saved, icon: 'success' });
      setDraft(null);
      await load();
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!draft?.id) return;
    const { confirm } = await Taro.showModal({ title: TEXT.remove, content: TEXT.removeConfirm });
    if (!confirm) return;
    try {
      await api.del(`/api/reply-templates/${draft.id}`);
      setDraft(null);
      await load();
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  if (draft) {
    const categoryIndex = Math.max(0, TEMPLATE_CATEGORIES.indexOf(draft.category as never));
    return (
      <View className="replies">
        <Text className="section__title">{draft.id ? TEXT.edit : TEXT.add}</Text>
        <View className="section">
          <Text className="replies__label">{TEXT.category}</Text>
          <Picker
            mode="selector"
            range={[...TEMPLATE_CATEGORIES]}
            value={categoryIndex}
            onChange={(e) => setDraft({ ...draft, category: TEMPLATE_CATEGORIES[Number(e.detail.value)] })}
          >
            <View className="replies__picker">{draft.category} ›</View>
          </Picker>
          <Text className="replies__label">{TEXT.title}</Text>
          <Input
            className="replies__input"
            value={draft.title}
            maxlength={60}
            onInput={(e) => setDraft({ ...draft, title: e.detail.value })}
            data-testid="template-title"
          />
          <Text className="replies__label">{TEXT.text}</Text>
          <Textarea
            className="replies__textarea"
            value={draft.text}
            maxlength={1000}
            autoHeight
            onInput={(e) => setDraft({ ...draft, text: e.detail.value })}
            data-testid="template-text"
          />
          <Text className="hint">{TEXT.placeholders}</Text>
          {check && !check.ok && (
            <View className="replies__warning" data-testid="template-warning">
              {check.hits.map((h) => (
                <Text key={h.id + h.index} className="replies__hit">
                  {TEXT.forbidden}“{h.matched ?? h.phrase}”，建议说：{h.better}
                </Text>
              ))}
              <Text
                className="link"
                onClick={() => setDraft({ ...draft, text: replaceAllWithBetter(draft.text, check.hits) })}
              >
                {TEXT.useBetter}
              </Text>
            </View>
          )}
        </View>
        <View className="replies__buttons">
          <Button
            className="primary-button"
            disabled={saving || undefined}
            onClick={save}
            data-testid="template-save"
          >
            {saving ? TEXT.saving : TEXT.save}
          </Button>
          <Button onClick={() => setDraft(null)}>{TEXT.cancel}</Button>
          {draft.id && (
            <Button className="replies__remove" onClick={remove}>
              {TEXT.remove}
            </Button>
          )}
        </View>
      </View>
    );
  }

  if (!list) return <LoadState error={error} onRetry={load} rows={5} />;
  return (
    <View className="replies">
      {editable ? (
        <Button
          className="primary-button replies__add"
          onClick={() => setDraft({ id: null, category: '通用', title: '', text: '' })}
        >
          {TEXT.add}
        </Button>
      ) : (
        <Text className="hint replies__readonly">{TEXT.readOnly}</Text>
      )}
      {list.length === 0 && <LoadState empty={TEXT.empty} />}
      {groupTemplates(list).map((g) => (
        <View key={g.category} className="section">
          <Text className="section__title">{g.category}</Text>
          {g.items.map((t) => (
            <View
              key={t.id}
              className="replies__item"
              data-testid="template"
              onClick={() =>
                editable && setDraft({ id: t.id, category: t.category, title: t.title, text: t.text })
              }
            >
              <Text className="replies__item-title">{t.title}</Text>
              <Text className="replies__item-text">{t.text}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
