export default definePageConfig({
  navigationBarTitleText: '代客登记',
});
