import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { errorMessage } from '../../services/errors';
import { downloadExcel } from '../report';
import type { ExportableReport } from '../types';
import './report.css';

const TEXT = {
  export: '导出 Excel',
  working: '正在生成…',
  again: (name: string) => `如未自动下载，请点此下载：${name}`,
} as const;

/** 导出 Excel: a signed link the browser downloads (H5), or a file WeChat opens (weapp). */
export function ExcelButton(props: {
  report: ExportableReport;
  month?: string;
  quarter?: string;
  projectId?: string | null;
}) {
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<{ url: string; filename: string } | null>(null);
  const run = async () => {
    if (busy) return;
    setBusy(true);
    try {
      setLink(await downloadExcel(props.report, props));
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      <Text className="excel-button" onClick={run}>
        {busy ? TEXT.working : TEXT.export}
      </Text>
      {link && process.env.TARO_ENV === 'h5' && (
        <Text className="excel-link" onClick={() => window.location.assign(link.url)}>
          {TEXT.again(link.filename)}
        </Text>
      )}
    </View>
  );
}
