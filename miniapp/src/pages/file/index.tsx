import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { TICKET_CONTENT_MIN, TICKET_MAX_PHOTOS } from '../../shared';
import { api, resolveUrl } from '../../services/api';
import { getUser, refreshMe, requireLogin } from '../../services/session';
import { STORAGE_KEYS, readJson } from '../../services/storage';
import type { ClassificationPreview, TicketDetail, User } from '../../services/types';
import {
  buildTicketBody,
  editDraft,
  emptyDraft,
  reconcileLocation,
  restoreDraft,
  validateDraft,
  type TicketDraft,
} from '../../logic/draft';
import { type DraftPhoto } from '../../logic/photos';
import { useTicketDraft } from '../../logic/useTicketDraft';
import { PhotoGrid, usePhotoUploads } from '../../components/PhotoPicker';
import { ContentField, KindPicker, LocationField, SubmitBar, SwitchField } from '../../components/TicketForm';
import { askSubscriptions, prefetchSubscriptions } from '../../services/subscribe';
import { PREVIEW_DEBOUNCE_MS, shouldPreview, showsDepartment } from '../../logic/classificationPreview';
import { uuidV4 } from '../../utils/uuid';
import './index.css';

const TEXT = {
  intro: '有问题随时告诉我们，物业会尽快处理并回复您。',
  kindTitle: '反馈类型',
  contentTitle: '反馈内容',
  contentPlaceholder: `请描述具体情况，如时间、地点、经过（至少 ${TICKET_CONTENT_MIN} 个字）`,
  photosTitle: '图片',
  photosHint: `选填，最多 ${TICKET_MAX_PHOTOS} 张`,
  locationTitle: '发生位置',
  myHousehold: '我的房屋',
  noHousehold: '您还没有绑定房屋，可先反馈公共区域的问题，或',
  goBind: '去绑定房屋',
  anonymous: '匿名反馈',
  anonymousHint: '匿名后工作人员看不到您的姓名、电话和房号，也无法回电与您沟通处理结果。',
  anonymousPlace: '匿名反馈不关联您的房屋；位置可不填，填写时请勿写房号。',
  placeOptional: '选填，如：3栋电梯厅、地下车库B区',
  callbackTitle: '回电号码（选填）',
  callbackHint: '如希望物业回电告知处理结果，可留下号码：只有客服主管能看到，每次查看都会留下记录。',
  callbackPlaceholder: '手机或座机号码',
  dutyTitle: '24小时值班电话',
  dutyCall: '立即拨打',
  dutyFiled: '同时请点击下方提交，物业会立即派人处理。',
  submit: '提交反馈',
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

/** 我要反馈: the resident files a ticket; the form and its flow are shared with 代客登记 (components/TicketForm). */
export default function FilePage() {
  const [user, setUser] = useState<User | null>(() => getUser());
  const form = useTicketDraft<TicketDraft, TicketDetail>({
    storageKey: STORAGE_KEYS.ticketDraft,
    initial: () => reconcileLocation(loadStoredDraft(getUser()), householdIdsOf(getUser())),
    empty: () => reconcileLocation(emptyDraft(user?.id ?? null), householdIdsOf(user)),
    edit: editDraft,
    validate: validateDraft,
    body: buildTicketBody,
    onTap: () => askSubscriptions('file'), // inside the tap, as WeChat requires; never blocks the submission
    onSent: (ticket) => {
      if (ticket.reopenedExisting) Taro.showToast({ title: TEXT.reopened, icon: 'none' });
      else Taro.showToast({ title: TEXT.success, icon: 'success' });
      Taro.navigateTo({ url: `/pages/ticket-detail/index?id=${encodeURIComponent(ticket.id)}` });
    },
  });
  const { draft, setDraft, update, attempted } = form;

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

  const setPhotos = useCallback(
    (fn: (photos: DraftPhoto[]) => DraftPhoto[]) => {
      setDraft((d) => editDraft(d, { photos: fn(d.photos) }, uuidV4));
    },
    [setDraft],
  );

  const photoActions = usePhotoUploads(draft.photos, setPhotos);

  const previewPhoto = (photo: DraftPhoto) => {
    if (photo.status === 'failed') return photoActions.retry(photo.localPath);
    Taro.previewImage({ current: photo.localPath, urls: draft.photos.map((p) => p.localPath) });
  };

  const households = user?.households ?? [];
  const dutyPhone = preview?.emergency ? (preview.dutyPhone ?? null) : null;
  const callDuty = () => {
    if (dutyPhone)
      void Taro.makePhoneCall({ phoneNumber: dutyPhone.replace(/[^\d+]/g, '') }).catch(() => undefined);
  };

  return (
    <View className="file-page">
      <Text className="file-page__intro">{TEXT.intro}</Text>

      <View className="section">
        <Text className="section__title">{TEXT.kindTitle}</Text>
        <KindPicker large value={draft.kind} attempted={attempted} onChange={(kind) => update({ kind })} />
      </View>

      <View className="section">
        <Text className="section__title">{TEXT.contentTitle}</Text>
        <ContentField
          className="file-page__textarea"
          value={draft.content}
          placeholder={TEXT.contentPlaceholder}
          attempted={attempted}
          onChange={(content) => update({ content })}
        />
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
            {dutyPhone && (
              // The emergency path: call the duty phone now, and file the ticket at once as well.
              <View className="file-page__duty" data-testid="duty-phone">
                <Text className="file-page__duty-title">
                  {TEXT.dutyTitle} {dutyPhone}
                </Text>
                {process.env.TARO_ENV === 'h5' ? (
                  <a className="file-page__duty-call" href={`tel:${dutyPhone.replace(/[^\d+]/g, '')}`}>
                    {TEXT.dutyCall}
                  </a>
                ) : (
                  <Text className="file-page__duty-call" onClick={callDuty}>
                    {TEXT.dutyCall}
                  </Text>
                )}
                <Text className="hint file-page__duty-hint">{TEXT.dutyFiled}</Text>
              </View>
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
        <LocationField
          large
          value={draft}
          households={households}
          householdText={TEXT.myHousehold}
          offerHousehold={households.length > 0 && !draft.anonymous}
          placePlaceholder={draft.kind === 'repair' ? undefined : TEXT.placeOptional}
          onChange={update}
        >
          {draft.anonymous && <Text className="hint file-page__anonymous-place">{TEXT.anonymousPlace}</Text>}
          {households.length === 0 && (
            <Text className="hint">
              {TEXT.noHousehold}
              <Text className="link" onClick={() => Taro.navigateTo({ url: '/pages/bind/index' })}>
                {TEXT.goBind}
              </Text>
            </Text>
          )}
        </LocationField>
      </View>

      <View className="section">
        <SwitchField
          title={TEXT.anonymous}
          hint={TEXT.anonymousHint}
          checked={draft.anonymous}
          onChange={(anonymous) => update({ anonymous })}
        />
        {draft.anonymous && (
          <View className="file-page__callback">
            <Text className="section__title">{TEXT.callbackTitle}</Text>
            <Input
              className="input file-page__callback-input"
              type="number"
              value={draft.callbackPhone}
              placeholder={TEXT.callbackPlaceholder}
              maxlength={20}
              onInput={(e) => update({ callbackPhone: e.detail.value })}
            />
            <Text className="hint">{TEXT.callbackHint}</Text>
          </View>
        )}
      </View>

      <SubmitBar
        label={TEXT.submit}
        testId="submit"
        onSubmit={form.submit}
        sending={form.sending}
        networkFailed={form.networkFailed}
        error={form.error}
      />
    </View>
  );
}
