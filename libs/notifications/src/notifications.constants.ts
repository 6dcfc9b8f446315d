export const NOTIFICATION_QUEUE = 'notifications';

export const DELIVER_JOB = 'deliver';

export interface DeliverJobData {
  notificationId: string;
}
