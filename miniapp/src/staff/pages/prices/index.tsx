import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { LoadState } from '../../../components/LoadState';
import { ChipPicker } from '../../../components/ChipPicker';
import { api } from '../../../services/api';
import { errorMessage } from '../../../services/errors';
import { getUser, requireLogin } from '../../../services/session';
import type { PriceItem } from '../../../services/types';
import {
  activeBody,
  canEditPriceList,
  draftFromItem,
  groupPriceItems,
  newPriceDraft,
  priceDraftProblem,
  priceItemBody,
  priceItemPath,
  priceListPath,
  priceText,
  PRICE_LIST_TEXT as TEXT,
  type PriceDraft,
} from '../../../logic/priceList';
import { PRICE_ITEM_KINDS, PRICE_ITEM_KIND_LABELS, QUOTE_ITEM_NAME_MAX } from '../../shared';
import './index.css';

interface Projects {
  company: boolean;
  projects: { id: string; name: string }[];
}

/**
 * 有偿服务价目表: what paid repairs cost in this project (labour, call-out, materials at cost). Every staff member
 * reads it (HQ picks a project); the project manager adds, edits, retires and restores lines.
 */
export default function PricesPage() {
  const user = getUser();
  const hq = user?.role === 'hq';
  const editable = canEditPriceList(user?.role);
  const [projects, setProjects] = useState<Projects['projects'] | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [items, setItems] = useState<PriceItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<PriceDraft | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = async (pid: string | null = projectId) => {
    setError(null);
    try {
      if (hq && !pid) {
        // HQ reads one project's list at a time: the company's projects first.
        const r = await api.get<Projects>('/api/reports/projects');
        setProjects(r.projects);
        if (!r.projects.length) return setItems([]);
        pid = r.projects[0].id;
        setProjectId(pid);
      }
      const r = await api.get<{ projectId: string; items: PriceItem[] }>(priceListPath(hq ? pid : null));
      setItems(r.items);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => {
    if (requireLogin()) load();
  });
  usePullDownRefresh(() => {
    load();
  });

  const pickProject = (id: string) => {
    setProjectId(id);
    setItems(null);
    load(id);
  };

  const save = async () => {
    if (!draft || saving) return;
    const problem = priceDraftProblem(draft);
    if (problem) return setFormError(problem);
    setSaving(true);
    setFormError(null);
    try {
      const body = priceItemBody(draft);
      if (draft.id) await api.put(priceItemPath(draft.id), body);
      else await api.post('/api/pay/price-items', body);
      Taro.showToast({ title: TEXT.saved, icon: 'success' });
      setDraft(null);
      await load();
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  /** Retiring asks first; restoring does not. Either sends the stored line, not the form's unsaved edits. */
  const setActive = async (active: boolean) => {
    const item = items?.find((i) => i.id === draft?.id);
    if (!item || saving) return;
    if (!active) {
      const { confirm } = await Taro.showModal({ title: TEXT.retireTitle, content: TEXT.retireConfirm });
      if (!confirm) return;
    }
    setSaving(true);
    setFormError(null);
    try {
      await api.put(priceItemPath(item.id), activeBody(item, active));
      Taro.showToast({ title: active ? TEXT.restored : TEXT.retired, icon: 'success' });
      setDraft(null);
      await load();
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  if (user && user.kind !== 'staff') return <LoadState empty={TEXT.notStaff} />;

  if (draft) {
    // Functional updates: a tap and the next keystroke may land before a render.
    const edit = (p: Partial<PriceDraft>) => {
      setDraft((d) => d && { ...d, ...p });
      setFormError(null);
    };
    return (
      <View className="prices">
        <View className="section">
          <Text className="section__title">{draft.id ? TEXT.edit : TEXT.add}</Text>
          <Text className="prices__label">{TEXT.kind}</Text>
          <ChipPicker
            options={PRICE_ITEM_KINDS.map((k) => ({
              value: k,
              label: PRICE_ITEM_KIND_LABELS[k],
              testId: `price-kind-${k}`,
            }))}
            value={draft.kind}
            onChange={(kind) => edit({ kind })}
          />
          {draft.kind === 'material' && <Text className="hint">{TEXT.materialHint}</Text>}
          <Text className="prices__label">{TEXT.name}</Text>
          <Input
            className="input"
            value={draft.name}
            maxlength={QUOTE_ITEM_NAME_MAX}
            placeholder={TEXT.namePlaceholder}
            onInput={(e) => edit({ name: e.detail.value })}
            data-testid="price-name"
          />
          <Text className="prices__label">{TEXT.price}</Text>
          <Input
            className="input"
            type="digit"
            value={draft.priceYuan}
            placeholder={TEXT.pricePlaceholder}
            onInput={(e) => edit({ priceYuan: e.detail.value })}
            data-testid="price-yuan"
          />
          <Text className="prices__label">{TEXT.unit}</Text>
          <Input
            className="input"
            value={draft.unit}
            maxlength={10}
            placeholder={TEXT.unitPlaceholder}
            onInput={(e) => edit({ unit: e.detail.value })}
            data-testid="price-unit"
          />
          <Text className="prices__label">{TEXT.sort}</Text>
          <Input
            className="input"
            type="number"
            value={draft.sort}
            maxlength={4}
            onInput={(e) => edit({ sort: e.detail.value })}
            data-testid="price-sort"
          />
          {formError && (
            <Text className="error-text" data-testid="price-error">
              {formError}
            </Text>
          )}
        </View>
        <View className="prices__buttons">
          <Button
            className="primary-button"
            disabled={saving || undefined}
            onClick={save}
            data-testid="price-save"
          >
            {saving ? TEXT.saving : TEXT.save}
          </Button>
          <Button onClick={() => (setDraft(null), setFormError(null))}>{TEXT.cancel}</Button>
          {draft.id && (
            <Button
              className={draft.active ? 'prices__retire' : ''}
              disabled={saving || undefined}
              onClick={() => setActive(!draft.active)}
              data-testid="price-active"
            >
              {draft.active ? TEXT.retire : TEXT.restore}
            </Button>
          )}
        </View>
      </View>
    );
  }

  const projectIndex = Math.max(0, projects?.findIndex((p) => p.id === projectId) ?? 0);
  return (
    <View className="prices">
      <View className="prices__header">
        {hq && projects && projects.length > 0 && (
          <Picker
            mode="selector"
            range={projects.map((p) => p.name)}
            value={projectIndex}
            onChange={(e) => pickProject(projects[Number(e.detail.value)].id)}
          >
            <View className="prices__project" data-testid="price-project">
              {projects[projectIndex]?.name ?? TEXT.pickProject} ▾
            </View>
          </Picker>
        )}
        {!hq && user?.projectName && <Text className="prices__project">{user.projectName}</Text>}
        {editable ? (
          <Button
            className="primary-button prices__add"
            onClick={() => setDraft(newPriceDraft())}
            data-testid="price-add"
          >
            {TEXT.add}
          </Button>
        ) : (
          <Text className="hint">{TEXT.readOnly}</Text>
        )}
      </View>
      {!items && <LoadState error={error} onRetry={() => load()} />}
      {items && error && <Text className="error-text prices__stale">{error}</Text>}
      {items && items.length === 0 && (
        <LoadState empty={hq && projects?.length === 0 ? TEXT.noProjects : TEXT.empty}>
          {editable && <Text className="hint">{TEXT.emptyEditor}</Text>}
        </LoadState>
      )}
      {items &&
        groupPriceItems(items).map((g) => (
          <View
            key={g.key}
            className={`section ${g.key === 'retired' ? 'prices__group--retired' : ''}`}
            data-testid={`price-group-${g.key}`}
          >
            <Text className="section__title">{g.title}</Text>
            {g.items.map((i) => (
              <View
                key={i.id}
                className={`prices__item ${editable ? 'prices__item--editable' : ''}`}
                data-testid="price-item"
                onClick={() => {
                  if (!editable) return;
                  setFormError(null);
                  setDraft(draftFromItem(i));
                }}
              >
                <Text className="prices__name">{i.name}</Text>
                <Text className="prices__price">{priceText(i)}</Text>
                {editable && <Text className="prices__more">›</Text>}
              </View>
            ))}
          </View>
        ))}
    </View>
  );
}
