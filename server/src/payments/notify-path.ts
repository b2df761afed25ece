/** Where WeChat Pay posts its notifications (WECHAT_PAY_NOTIFY_URL ends with this). */
export const PAY_NOTIFY_PATH = '/api/pay/wechat/notify';
