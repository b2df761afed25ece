export default definePageConfig({
  navigationBarTitleText: '重大/热点投诉',
});
