import { NotFoundPage } from '../../components/NotFoundPage.tsx';

export function NotFound() {
  return <NotFoundPage title="Page not found">That page does not exist. Search the shop or browse its categories instead.</NotFoundPage>;
}
