import { THEME } from './theme';

/**
 * Route table of the 物业通 mini-program. The first page is the home tab (我要反馈);
 * staff-only pages live in the `staff` sub-package and the managers' reports in `manager`, so the
 * residents' main package stays small.
 */
export default defineAppConfig({
  pages: [
    'pages/file/index',
    'pages/tickets/index',
    'pages/me/index',
    'pages/login/index',
    'pages/bind/index',
    'pages/ticket-detail/index',
    'pages/notifications/index',
  ],
  subPackages: [
    {
      root: 'staff',
      pages: [
        'pages/index/index',
        'pages/ticket/index',
        'pages/register/index',
        'pages/inventory/index',
        'pages/household/index',
        'pages/replies/index',
        'pages/visits/index',
        'pages/visit/index',
        'pages/prices/index',
        'pages/incidents/index',
        'pages/incident/index',
        'pages/bindings/index',
        'pages/search/index',
        'pages/ledger/index',
      ],
    },
    // Satisfaction surveys: residents answer here; quality department / HQ run them in survey-admin.
    { root: 'survey', pages: ['pages/answer/index'] },
    {
      root: 'survey-admin',
      pages: ['pages/index/index', 'pages/campaign/index', 'pages/questionnaire/index'],
    },
    {
      // The resident's rating page, opened from the invitation (subscribe message) or the ticket page.
      root: 'visit',
      pages: ['pages/rate/index'],
    },
    {
      // Statistics and reports for the customer-service lead, the project manager and group HQ.
      root: 'manager',
      pages: [
        'pages/index/index',
        'pages/classification/index',
        'pages/kpis/index',
        'pages/analysis/index',
        'pages/special/index',
        'pages/special-case/index',
        'pages/developer/index',
        'pages/notice/index',
        'pages/reconciliation/index',
        'pages/calendar/index',
        'pages/phrases/index',
        'pages/duty-phone/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: THEME.primary,
    navigationBarTitleText: '物业通',
    // H5: Taro draws its title bar (title, and a back button below the first page) only when asked for it.
    navigationStyle: 'default',
    navigationBarTextStyle: 'white',
    backgroundColor: THEME.page,
  },
  tabBar: {
    color: THEME.tabText,
    selectedColor: THEME.primary,
    backgroundColor: THEME.surface,
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/file/index',
        text: '我要反馈',
        iconPath: 'assets/tab/file.png',
        selectedIconPath: 'assets/tab/file-active.png',
      },
      {
        pagePath: 'pages/tickets/index',
        text: '我的反馈',
        iconPath: 'assets/tab/tickets.png',
        selectedIconPath: 'assets/tab/tickets-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
});
