export default definePageConfig({
  navigationBarTitleText: '微信支付对账',
  enablePullDownRefresh: true,
});
