/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

/** Base URL of the 物业通 API, injected by config/index.ts (`''` on H5 = same origin). */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5';
  }
}
