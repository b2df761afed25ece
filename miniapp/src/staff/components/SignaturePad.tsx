import { forwardRef, useImperativeHandle, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, Text, View } from '@tarojs/components';
import { isSigned, padPoint, type Point, type Stroke } from '../../logic/visitForm';
import './SignaturePad.css';

const CANVAS_ID = 'visit-signature';
const TEXT = {
  hint: '请业主在框内签名',
  clear: '重写',
} as const;

export interface SignaturePadHandle {
  /** The signature as an image file (weapp temp path, H5 data URL), ready for uploadPhoto. */
  exportImage(): Promise<string>;
}

type TouchLike = { x?: number; y?: number; clientX?: number; clientY?: number };
type PadTouchEvent = { touches?: TouchLike[]; changedTouches?: TouchLike[] };

/**
 * The resident signs on the visitor's phone at a home visit (the return-visit handbook: 请被回访人签名): a canvas drawn with the
 * finger, exported as a PNG and uploaded like a photo. Tells the parent whether there is enough ink.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, { onChange: (signed: boolean) => void }>(
  function SignaturePad({ onChange }, ref) {
    const strokes = useRef<Stroke[]>([]);
    const rect = useRef<{ left: number; top: number } | null>(null);
    const ctx = useRef<Taro.CanvasContext | null>(null);

    const context = () => {
      if (!ctx.current) ctx.current = Taro.createCanvasContext(CANVAS_ID);
      return ctx.current;
    };
    // H5 touches come in page coordinates: keep the pad's position at hand.
    const measure = () =>
      Taro.createSelectorQuery()
        .select('.signature-pad__canvas')
        .boundingClientRect((r) => {
          const box = Array.isArray(r) ? r[0] : r;
          if (box) rect.current = { left: box.left, top: box.top };
        })
        .exec();

    const pointOf = (e: PadTouchEvent): Point | null => {
      const t = e.touches?.[0] ?? e.changedTouches?.[0];
      return t ? padPoint(t, rect.current) : null;
    };

    const line = (a: Point, b: Point) => {
      const c = context();
      c.setStrokeStyle('#111111');
      c.setLineWidth(3);
      c.setLineCap('round');
      c.beginPath();
      c.moveTo(a.x, a.y);
      c.lineTo(b.x, b.y);
      c.stroke();
      c.draw(true);
    };

    const start = (e: PadTouchEvent) => {
      measure();
      const p = pointOf(e);
      if (p) strokes.current.push([p]);
    };
    const move = (e: PadTouchEvent) => {
      const p = pointOf(e);
      const s = strokes.current[strokes.current.length - 1];
      if (!p || !s) return;
      line(s[s.length - 1], p);
      s.push(p);
    };
    const end = () => onChange(isSigned(strokes.current));
    const clear = () => {
      strokes.current = [];
      context().draw(false);
      onChange(false);
    };

    useImperativeHandle(ref, () => ({
      exportImage: () =>
        new Promise<string>((resolve, reject) =>
          Taro.canvasToTempFilePath({
            canvasId: CANVAS_ID,
            fileType: 'png',
            success: (res) => resolve(res.tempFilePath),
            fail: (err) => reject(err),
          }),
        ),
    }));

    return (
      <View className="signature-pad" data-testid="signature-pad">
        <Canvas
          canvasId={CANVAS_ID}
          className="signature-pad__canvas"
          disableScroll
          onTouchStart={start as never}
          onTouchMove={move as never}
          onTouchEnd={end}
        />
        <View className="signature-pad__bar">
          <Text className="hint">{TEXT.hint}</Text>
          <Text className="link signature-pad__clear" onClick={clear}>
            {TEXT.clear}
          </Text>
        </View>
      </View>
    );
  },
);
