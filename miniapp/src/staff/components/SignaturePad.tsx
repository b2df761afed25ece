import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, Text, View } from '@tarojs/components';
import { isSigned, padPoint, type Point, type Stroke } from '../../logic/visitForm';
import './SignaturePad.css';

const CANVAS_ID = 'visit-signature';
const TEXT = {
  hint: '请业主在框内签名',
  clear: '重写',
  notReady: '签名板还没准备好，请稍后再试',
} as const;

export interface SignaturePadHandle {
  /** The signature as an image file (weapp temp path, H5 data URL), ready for uploadPhoto. */
  exportImage(): Promise<string>;
}

type TouchLike = { x?: number; y?: number; clientX?: number; clientY?: number };
type PadTouchEvent = {
  touches?: TouchLike[];
  changedTouches?: TouchLike[];
  /** H5: the canvas element the finger is on. */
  currentTarget?: { getBoundingClientRect?(): { left: number; top: number } };
};

/** What the 2D canvas node offers on both platforms (weapp's Canvas node, H5's HTMLCanvasElement). */
interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): CanvasRenderingContext2D;
  toDataURL?(type?: string): string;
  getBoundingClientRect?(): { left: number; top: number; width: number; height: number };
}
interface Pad {
  node: CanvasNode;
  ctx: CanvasRenderingContext2D;
  /** Laid-out size in CSS px / rpx-converted px, and the pixel ratio the backing store is scaled by. */
  width: number;
  height: number;
  dpr: number;
}

/** Sizes the backing store to the pixel ratio and sets up the pen (resizing a canvas resets its context). */
function prepare(p: Pad) {
  p.node.width = Math.round(p.width * p.dpr);
  p.node.height = Math.round(p.height * p.dpr);
  p.ctx.scale(p.dpr, p.dpr);
  p.ctx.strokeStyle = '#111111';
  p.ctx.lineWidth = 3;
  p.ctx.lineCap = 'round';
  p.ctx.lineJoin = 'round';
}

/** Draws one segment. */
function segment(ctx: CanvasRenderingContext2D, a: Point, b: Point) {
  ctx.beginPath();
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  ctx.stroke();
}

/** The screen's pixel ratio, so strokes stay sharp on a 2x/3x phone. */
function pixelRatio(): number {
  try {
    const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync();
    return info?.pixelRatio || 1;
  } catch {
    return 1;
  }
}

/**
 * The resident signs on the visitor's phone at a home visit (the return-visit handbook: 请被回访人签名): a canvas drawn with the
 * finger, exported as a PNG and uploaded like a photo. Tells the parent whether there is enough ink.
 *
 * Drawn on WeChat's Canvas 2D API (`<Canvas type="2d">`, its node from a selector query), which replaced the
 * unmaintained createCanvasContext; in H5 Taro renders a real <canvas> and the same node is that element.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, { onChange: (signed: boolean) => void }>(
  function SignaturePad({ onChange }, ref) {
    const strokes = useRef<Stroke[]>([]);
    const rect = useRef<{ left: number; top: number } | null>(null);
    const pad = useRef<Pad | null>(null);
    const waiting = useRef<Promise<Pad | null> | null>(null);

    /** Finds the canvas node, sizes its backing store to the screen's pixel ratio and sets up the pen. */
    const setUp = (): Promise<Pad | null> => {
      if (pad.current) return Promise.resolve(pad.current);
      if (waiting.current) return waiting.current;
      waiting.current = new Promise<Pad | null>((resolve) => {
        Taro.createSelectorQuery()
          .select(`#${CANVAS_ID}`)
          .fields({ node: true, size: true })
          .exec((res) => {
            const box = res?.[0] as { node?: CanvasNode; width?: number; height?: number } | null;
            const node = box?.node;
            if (!node || typeof node.getContext !== 'function') {
              waiting.current = null;
              resolve(null);
              return;
            }
            // H5's query answers the node without its size: the <canvas> element measures itself.
            const laidOut = box.width ? box : node.getBoundingClientRect?.();
            const width = laidOut?.width || 300;
            const height = laidOut?.height || 160;
            const dpr = pixelRatio();
            pad.current = { node, ctx: node.getContext('2d'), width, height, dpr };
            prepare(pad.current);
            resolve(pad.current);
          });
      });
      return waiting.current;
    };

    useEffect(() => {
      // The canvas is in the tree once this has mounted; find it on the next tick, when the page has laid it out.
      Taro.nextTick(() => void setUp());
    }, []);

    // H5 touches come in page coordinates: take the pad's position when the finger lands (it moves with scrolling).
    const measure = (e: PadTouchEvent) => {
      const box = e.currentTarget?.getBoundingClientRect?.();
      if (box) rect.current = { left: box.left, top: box.top };
    };

    const pointOf = (e: PadTouchEvent): Point | null => {
      const t = e.touches?.[0] ?? e.changedTouches?.[0];
      return t ? padPoint(t, rect.current) : null;
    };

    /**
     * The pad as drawn so far. H5's <canvas> is resized to its CSS size whenever Taro's canvas element re-renders,
     * which wipes it: then it is scaled again and the strokes kept here are redrawn.
     */
    const ready = (): Pad | null => {
      const p = pad.current;
      if (p && p.node.width !== Math.round(p.width * p.dpr)) {
        prepare(p);
        for (const s of strokes.current) for (let i = 1; i < s.length; i++) segment(p.ctx, s[i - 1], s[i]);
      }
      return p;
    };
    const line = (a: Point, b: Point) => {
      const p = ready();
      if (p) segment(p.ctx, a, b);
    };

    const start = (e: PadTouchEvent) => {
      if (!pad.current) void setUp();
      if (process.env.TARO_ENV === 'h5') measure(e);
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
      const p = ready();
      if (p) p.ctx.clearRect(0, 0, p.width, p.height);
      onChange(false);
    };

    useImperativeHandle(ref, () => ({
      exportImage: async () => {
        await setUp();
        const p = ready();
        if (!p) throw new Error(TEXT.notReady);
        if (process.env.TARO_ENV === 'h5') {
          // Taro's H5 canvasToTempFilePath only knows canvasId: the node is the <canvas> itself.
          if (!p.node.toDataURL) throw new Error(TEXT.notReady);
          return p.node.toDataURL('image/png');
        }
        return new Promise<string>((resolve, reject) =>
          Taro.canvasToTempFilePath({
            canvas: p.node as unknown as Taro.canvasToTempFilePath.Option['canvas'],
            fileType: 'png',
            success: (res) => resolve(res.tempFilePath),
            fail: (err) => reject(err),
          }),
        );
      },
    }));

    return (
      <View className="signature-pad" data-testid="signature-pad">
        <Canvas
          type="2d"
          id={CANVAS_ID}
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
