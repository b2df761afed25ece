import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { EmergencyContact } from '../../services/types';
import { contactName, dialNumber } from '../../logic/ledger';
import './EmergencyContacts.css';

/** 紧急联系人 with a call button each (Taro.makePhoneCall; a tel: link in a browser). */
export function EmergencyContacts({ contacts, title }: { contacts: EmergencyContact[]; title?: string }) {
  if (!contacts.length) return null;
  return (
    <View className="contacts">
      {title && <Text className="contacts__title">{title}</Text>}
      {contacts.map((c, i) => (
        <View key={i} className="contacts__row">
          <Text className="contacts__name">{contactName(c)}</Text>
          <Text
            className="contacts__call"
            onClick={() => Taro.makePhoneCall({ phoneNumber: dialNumber(c.phone) }).catch(() => undefined)}
          >
            {`拨打 ${c.phone}`}
          </Text>
        </View>
      ))}
    </View>
  );
}
