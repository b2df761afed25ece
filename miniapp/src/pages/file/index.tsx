import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import {
  TICKET_CONTENT_MAX,
  TICKET_CONTENT_MIN,
  TICKET_KINDS,
  TICKET_KIND_LABELS,
  TICKET_MAX_PHOTOS,
} from '../../shared';
import { api, resolveUrl } from '../../services/api';
import { errorMessage, isNetworkError, NETWORK_MESSAGE } from '../../services/errors';
import { getUser, refreshMe, requireLogin } from '../../services/session';
import { STORAGE_KEYS, readJson, remove, writeJson } from '../../services/storage';
import type { ClassificationPreview, CreateTicketBody, TicketDetail, User } from '../../services/types';
import {
  buildTicketBody,
  contentLength,
  editDraft,
  emptyDraft,
  reconcileLocation,
  restoreDraft,
  validateDraft,
  type TicketDraft,
} from '../../logic/draft';
import { type DraftPhoto } from '../../logic/photos';
import { PhotoGrid, usePhotoUploads } from '../../components/PhotoPicker';
import { ChipPicker, chipOptions } from '../../components/ChipPicker';
import { createSubmitQueue } from '../../logic/submitQueue';
import { askSubscriptions, prefetchSubscriptions } from '../../services/subscribe';
import { PREVIEW_DEBOUNCE_MS, shouldPreview, showsDepartment } from '../../logic/classificationPreview';
import { uuidV4 } from '../../utils/uuid';
import { THEME } from '../../theme';
import './index.css';

const TEXT = {
  intro: '有问题随时告诉我们，物业会尽快处理并回复您。',
  kindTitle: '反馈类型',
  contentTitle: '反馈内容',
  contentPlaceholder: `请描述具体情况，如时间、地点、经过（至少 ${TICKET_CONTENT_MIN} 个字）`,
  photosTitle: '图片',
  photosHint: `选填，最多 ${TICKET_MAX_PHOTOS} 张`,
  remove: '删除',
  locationTitle: '发生位置',
  myHousehold: '我的房屋',
  publicArea: '公共区域',
  pickHousehold: '请选择房屋',
  noHousehold: '您还没有绑定房屋，可先反馈公共区域的问题，或',
  goBind: '去绑定房屋',
  placePlaceholder: '请填写具体位置，如：3栋电梯厅、地下车库B区',
  anonymous: '匿名反馈',
  anonymousHint: '匿名后工作人员看不到您的姓名和电话，也无法回电与您沟通处理结果。',
  submit: '提交反馈',
  sending: '提交中…',
  retry: '网络不佳，点此重试',
  draftRestored: '已恢复上次未提交的内容',
  success: '提交成功',
  /** The same household reported the same matter within a week of handling: the original was reopened. */
  reopened: '已转入您之前的反馈重新处理',
  previewPrefix: '预计由 ',
  previewSuffix: ' 处理',
  emergency: '紧急情况请直接拨打物业电话',
  emergencyKind: (label: string) => `看起来是紧急情况（${label}）`,
  kindSuggestion: (label: string) => `这条反馈读起来更像「${label}」`,
  switchKind: (label: string) => `改为${label}`,
} as const;

const KIND_OPTIONS = chipOptions(TICKET_KINDS, TICKET_KIND_LABELS);

const householdIdsOf = (user: User | null) => (user?.households ?? []).map((h) => h.id);

function loadStoredDraft(user: User | null): TicketDraft {
  const stored = restoreDraft(readJson(STORAGE_KEYS.ticketDraft), user?.id ?? null);
  if (!stored) return emptyDraft(user?.id ?? null);
  // Uploaded photos are shown from the server after a restart: local temp files are gone.
  return {
    ...stored,
    photos: stored.photos.map((p) => ({ ...p, localPath: p.url ? resolveUrl(p.url) : p.localPath })),
  };
}

export default function FilePage() {
  const [user, setUser] = useState<User | null>(() => getUser());
  const [draft, setDraft] = useState<TicketDraft>(() =>
    reconcileLocation(loadStoredDraft(getUser()), householdIdsOf(getUser())),
  );
  const [attempted, setAttempted] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [networkFailed, setNetworkFailed] = useState(false);
  const queue = useRef(
    createSubmitQueue((body: CreateTicketBody) =>
      api.post<TicketDetail>('/api/tickets', body, { header: { 'Idempotency-Key': body.idempotencyKey } }),
    ),
  );

  useLoad(() => {
    if (draft.idempotencyKey && (draft.content || draft.photos.length)) {
      Taro.showToast({ title: TEXT.draftRestored, icon: 'none' });
    }
  });

  useDidShow(() => {
    if (!requireLogin()) return;
    void prefetchSubscriptions('file');
    refreshMe()
      .then((me) => {
        setUser(me);
        setDraft((d) => reconcileLocation(d.userId === me.id ? d : emptyDraft(me.id), householdIdsOf(me)));
      })
      .catch(() => {
        /* offline: keep the stored user; the submit will report the network */
      });
  });

  // Keep the draft in storage (debounced) so a crash or a killed app loses nothing. A draft already filed is never
  // written back: its save may still be pending when a quick answer arrives, before the emptied form renders.
  const filed = useRef(new Set<string>());
  useEffect(() => {
    const key = draft.idempotencyKey;
    if (!key) return;
    const timer = setTimeout(() => {
      if (!filed.current.has(key)) writeJson(STORAGE_KEYS.ticketDraft, draft);
    }, 300);
    return () => clearTimeout(timer);
  }, [draft]);

  // While a complaint or repair is typed: who will probably handle it (errors are ignored).
  const [preview, setPreview] = useState<ClassificationPreview | null>(null);
  const previewText = shouldPreview(draft.kind, draft.content) ? draft.content.trim() : '';
  useEffect(() => {
    if (!previewText) {
      setPreview(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      api
        .post<ClassificationPreview>('/api/classification/preview', { text: previewText, kind: draft.kind })
        .then((p) => {
          if (!stale) setPreview(p);
        })
        .catch(() => undefined);
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [previewText, draft.kind]);

  const update = useCallback((patch: Partial<TicketDraft>) => {
    setDraft((d) => editDraft(d, patch, uuidV4));
    setError(null);
  }, []);

  const setPhotos = useCallback((fn: (photos: DraftPhoto[]) => DraftPhoto[]) => {
    setDraft((d) => editDraft(d, { photos: fn(d.photos) }, uuidV4));
  }, []);

  const photoActions = usePhotoUploads(draft.photos, setPhotos);

  const previewPhoto = (photo: DraftPhoto) => {
    if (photo.status === 'failed') return photoActions.retry(photo.localPath);
    Taro.previewImage({ current: photo.localPath, urls: draft.photos.map((p) => p.localPath) });
  };

  const submit = async () => {
    if (sending || queue.current.busy) return; // a second tap joins nothing new
    askSubscriptions('file'); // inside the tap, as WeChat requires; never blocks the submission
    setAttempted(true);
    const problem = validateDraft(draft);
    if (problem) {
      setError(problem);
      Taro.showToast({ title: problem, icon: 'none' });
      return;
    }
    // The key must be on disk before the first byte leaves, so a crash mid-send retries with it.
    const ready = draft.idempotencyKey ? draft : editDraft(draft, {}, uuidV4);
    writeJson(STORAGE_KEYS.ticketDraft, ready);
    if (ready !== draft) setDraft(ready);
    setSending(true);
    setError(null);
    try {
      const ticket = await queue.current.submit(buildTicketBody(ready));
      if (ready.idempotencyKey) filed.current.add(ready.idempotencyKey);
      remove(STORAGE_KEYS.ticketDraft);
      setDraft(reconcileLocation(emptyDraft(user?.id ?? null), householdIdsOf(user)));
      setAttempted(false);
      setNetworkFailed(false);
      if (ticket.reopenedExisting) Taro.showToast({ title: TEXT.reopened, icon: 'none' });
      else Taro.showToast({ title: TEXT.success, icon: 'success' });
      Taro.navigateTo({ url: `/pages/ticket-detail/index?id=${encodeURIComponent(ticket.id)}` });
    } catch (e) {
      const network = isNetworkError(e);
      setNetworkFailed(network);
      setError(network ? NETWORK_MESSAGE : errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const households = user?.households ?? [];
  const householdIndex = Math.max(
    0,
    households.findIndex((h) => h.id === draft.householdId),
  );
  const length = contentLength(draft.content);
  const contentError = useMemo(() => {
    if (!attempted && length === 0) return null;
    if (attempted && length < TICKET_CONTENT_MIN) return `还差 ${TICKET_CONTENT_MIN - length} 个字`;
    if (length > TICKET_CONTENT_MAX) return `超出 ${length - TICKET_CONTENT_MAX} 个字`;
    return null;
  }, [attempted, length]);

  return (
    <View className="file-page">
      <Text className="file-page__intro">{TEXT.intro}</Text>

      <View className="section">
        <Text className="section__title">{TEXT.kindTitle}</Text>
        <ChipPicker
          className="kind-picker"
          chip="kind-picker__item"
          testId="kind-picker"
          options={KIND_OPTIONS}
          value={draft.kind}
          onChange={(kind) => update({ kind })}
        />
        {attempted && !draft.kind && <Text className="error-text">请选择反馈类型</Text>}
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.contentTitle}</Text>
        <Textarea
          className="file-page__textarea"
          value={draft.content}
          placeholder={TEXT.contentPlaceholder}
          maxlength={TICKET_CONTENT_MAX}
          autoHeight={false}
          onInput={(e) => update({ content: e.detail.value })}
        />
        <View className="file-page__count-row">
          {contentError ? <Text className="error-text">{contentError}</Text> : <Text />}
          <Text className={`file-page__count ${length > TICKET_CONTENT_MAX ? 'file-page__count--over' : ''}`}>
            {length}/{TICKET_CONTENT_MAX}
          </Text>
        </View>
        {preview && previewText && (
          <View className="file-page__preview" data-testid="classification-preview">
            {showsDepartment(draft.kind) && (
              <Text>
                {TEXT.previewPrefix}
                <Text className="file-page__preview-dept">{preview.department}</Text>
                {TEXT.previewSuffix}
              </Text>
            )}
            {preview.emergency && (
              <Text className="file-page__preview-emergency">
                {preview.emergencyLabel ? `${TEXT.emergencyKind(preview.emergencyLabel)}，` : ''}
                {TEXT.emergency}
              </Text>
            )}
            {preview.kindSuggestion && preview.kindSuggestion.kind !== draft.kind && (
              <View className="file-page__kind-suggestion" data-testid="kind-suggestion">
                <Text>{TEXT.kindSuggestion(preview.kindSuggestion.label)}</Text>
                <Text
                  className="link file-page__switch-kind"
                  onClick={() => update({ kind: preview.kindSuggestion!.kind })}
                >
                  {TEXT.switchKind(preview.kindSuggestion.label)}
                </Text>
              </View>
            )}
          </View>
        )}
      </View>

      <View className="section">
        <Text className="section__title">
          {TEXT.photosTitle} <Text className="hint file-page__inline-hint">{TEXT.photosHint}</Text>
        </Text>
        <PhotoGrid photos={draft.photos} actions={photoActions} onPreview={previewPhoto} />
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.locationTitle}</Text>
        <ChipPicker
          className="kind-picker"
          chip="kind-picker__item"
          options={[
            ...(households.length > 0 ? [{ value: 'household' as const, label: TEXT.myHousehold }] : []),
            { value: 'public' as const, label: TEXT.publicArea },
          ]}
          value={draft.locationMode}
          onChange={(locationMode) =>
            update(
              locationMode === 'household'
                ? { locationMode, householdId: draft.householdId ?? households[0].id }
                : { locationMode },
            )
          }
        />
        {draft.locationMode === 'household' && households.length === 1 && (
          <Text className="file-page__household">{households[0].label}</Text>
        )}
        {draft.locationMode === 'household' && households.length > 1 && (
          <Picker
            mode="selector"
            range={households.map((h) => h.label)}
            value={householdIndex}
            onChange={(e) => update({ householdId: households[Number(e.detail.value)].id })}
          >
            <View className="input file-page__picker">
              {households[householdIndex]?.label ?? TEXT.pickHousehold} ▾
            </View>
          </Picker>
        )}
        {draft.locationMode === 'public' && (
          <Input
            className="input"
            value={draft.place}
            placeholder={TEXT.placePlaceholder}
            maxlength={100}
            onInput={(e) => update({ place: e.detail.value })}
          />
        )}
        {households.length === 0 && (
          <Text className="hint">
            {TEXT.noHousehold}
            <Text className="link" onClick={() => Taro.navigateTo({ url: '/pages/bind/index' })}>
              {TEXT.goBind}
            </Text>
          </Text>
        )}
      </View>

      <View className="section file-page__anonymous">
        <View className="file-page__switch-row">
          <Text className="section__title file-page__switch-title">{TEXT.anonymous}</Text>
          <Switch
            checked={draft.anonymous}
            color={THEME.primary}
            onChange={(e) => update({ anonymous: e.detail.value })}
          />
        </View>
        <Text className="hint">{TEXT.anonymousHint}</Text>
      </View>

      {error && <Text className="error-text file-page__error">{error}</Text>}

      <View className="file-page__submit">
        {/* No `loading` prop: on H5 its spinner breaks Stencil's patching of the button's children. */}
        <Button
          className="primary-button"
          disabled={sending || undefined}
          onClick={submit}
          data-testid="submit"
        >
          {sending ? TEXT.sending : networkFailed ? TEXT.retry : TEXT.submit}
        </Button>
      </View>
    </View>
  );
}
