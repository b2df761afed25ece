import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * Taro build configuration for 物业通 (weapp + h5).
 * API_BASE is injected at build time: same origin on H5 (the server serves dist/h5 at `/`),
 * an absolute URL on weapp (WEAPP_API_BASE, default the local dev server).
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  const apiBase = isH5
    ? (process.env.H5_API_BASE ?? '')
    : (process.env.WEAPP_API_BASE ?? 'http://127.0.0.1:3000');

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wuyetong-miniapp',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      devServer: { host: '127.0.0.1', port: 10086 },
      webpackChain(chain) {
        // Taro splits only the initial chunks, so every lazily loaded page carried its own copy of the
        // Taro components, the API client and @wuye/shared. Split all chunks: React and the Taro runtime
        // load once, code two pages share goes into shared chunks, and a page chunk holds only its page.
        chain.optimization.splitChunks({
          chunks: 'all',
          minSize: 20_000,
          maxInitialRequests: 8,
          maxAsyncRequests: 12,
          hidePathInfo: true,
          cacheGroups: {
            default: false,
            defaultVendors: false,
            react: {
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
              name: 'react',
              priority: 40,
            },
            taro: { test: /[\\/]node_modules[\\/]@tarojs[\\/]/, priority: 30, reuseExistingChunk: true },
            vendors: { test: /[\\/]node_modules[\\/]/, minChunks: 2, priority: 20, reuseExistingChunk: true },
            common: { minChunks: 2, priority: 10, reuseExistingChunk: true },
          },
        });
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  return merge({}, baseConfig);
});
